using System.Globalization;
using System.Text;

namespace TabularOd.Data;

/// <summary>
/// Parses the small subset of Python literal syntax a <c>.npy</c> header uses: a dict whose values are
/// strings, <c>True</c>/<c>False</c>/<c>None</c>, integers, and tuples or lists of those.
/// </summary>
/// <remarks>
/// NumPy reads the header with <c>ast.literal_eval</c>; evaluating anything broader here would only accept
/// files NumPy itself refuses. Results: <see cref="string"/>, <see cref="bool"/>, <see cref="long"/>,
/// <c>null</c>, <c>List&lt;object?&gt;</c> (tuple or list) and <c>Dictionary&lt;string, object?&gt;</c>.
/// </remarks>
internal ref struct PythonLiteral
{
    private readonly ReadOnlySpan<char> _text;
    private int _position;

    private PythonLiteral(ReadOnlySpan<char> text)
    {
        _text = text;
        _position = 0;
    }

    /// <summary>Parses a dict literal; throws <see cref="FormatException"/> describing the first problem.</summary>
    public static Dictionary<string, object?> ParseDict(ReadOnlySpan<char> text)
    {
        var parser = new PythonLiteral(text);
        parser.SkipSpace();
        if (parser.Peek() != '{')
        {
            throw parser.Error("expected '{'");
        }
        var result = (Dictionary<string, object?>)parser.ParseValue()!;
        parser.SkipSpace();
        if (parser._position != text.Length)
        {
            throw parser.Error("unexpected text after the closing '}'");
        }
        return result;
    }

    private object? ParseValue()
    {
        SkipSpace();
        char c = Peek();
        switch (c)
        {
            case '{':
                return ParseDictBody();
            case '(':
                return ParseSequence(')');
            case '[':
                return ParseSequence(']');
            case '\'' or '"':
                return ParseString();
        }
        if (c == '-' || c == '+' || char.IsAsciiDigit(c))
        {
            return ParseInteger();
        }
        if (char.IsAsciiLetter(c))
        {
            int start = _position;
            while (_position < _text.Length && char.IsAsciiLetterOrDigit(_text[_position]))
            {
                _position++;
            }
            ReadOnlySpan<char> word = _text[start.._position];
            if (word.SequenceEqual("True"))
            {
                return true;
            }
            if (word.SequenceEqual("False"))
            {
                return false;
            }
            if (word.SequenceEqual("None"))
            {
                return null;
            }
            _position = start;
        }
        throw Error("expected a value");
    }

    private Dictionary<string, object?> ParseDictBody()
    {
        _position++; // '{'
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpace();
            if (Peek() == '}')
            {
                _position++;
                return result;
            }
            if (ParseValue() is not string key)
            {
                throw Error("dict keys must be strings");
            }
            SkipSpace();
            Expect(':');
            result[key] = ParseValue();
            SkipSpace();
            if (Peek() == ',')
            {
                _position++;
            }
            else if (Peek() != '}')
            {
                throw Error("expected ',' or '}'");
            }
        }
    }

    private List<object?> ParseSequence(char close)
    {
        _position++; // '(' or '['
        var items = new List<object?>();
        while (true)
        {
            SkipSpace();
            if (Peek() == close)
            {
                _position++;
                return items;
            }
            items.Add(ParseValue());
            SkipSpace();
            if (Peek() == ',')
            {
                _position++;
            }
            else if (Peek() != close)
            {
                throw Error($"expected ',' or '{close}'");
            }
        }
    }

    private string ParseString()
    {
        char quote = _text[_position++];
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }
            char c = _text[_position++];
            if (c == quote)
            {
                return builder.ToString();
            }
            if (c == '\\')
            {
                if (_position >= _text.Length)
                {
                    throw Error("unterminated string");
                }
                // Header strings are dtype codes and field names; simple escapes cover what NumPy writes.
                char escaped = _text[_position++];
                builder.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', _ => escaped });
                continue;
            }
            builder.Append(c);
        }
    }

    private long ParseInteger()
    {
        int start = _position;
        if (_text[_position] is '-' or '+')
        {
            _position++;
        }
        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }
        if (!long.TryParse(_text[start.._position], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            _position = start;
            throw Error("expected an integer");
        }
        // Python 2 wrote long integers with an 'L' suffix, and old .npy files still carry it.
        if (_position < _text.Length && _text[_position] is 'L' or 'l')
        {
            _position++;
        }
        return value;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error($"expected '{c}'");
        }
        _position++;
    }

    private readonly char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private readonly FormatException Error(string what) => new($"{what} at character {_position}");
}
