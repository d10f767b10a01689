using System.CommandLine;
using TabularOd.Data;

namespace TabularOd.Cli.Commands.Data;

/// <summary>The options that shape how data files are read, shared by every command that reads them.</summary>
public sealed class ReadOptionsBinding
{
    private readonly Option<string?> _labelColumn = new("--label-column")
    {
        Description = $"CSV column holding 0/1 labels (default: '{DataReadOptions.DefaultLabelColumn}' when present).",
    };

    private readonly Option<string> _impute = new("--impute")
    {
        Description = "What to do with missing (NaN) feature values: 'none' stops with an error, 'median' fills training medians.",
        DefaultValueFactory = _ => "none",
    };

    /// <summary>Creates the options.</summary>
    public ReadOptionsBinding()
    {
        _impute.AcceptOnlyFromAmong("none", "median");
    }

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Add(_labelColumn);
        command.Add(_impute);
    }

    /// <summary>The reader options the command line asks for.</summary>
    public DataReadOptions Bind(ParseResult parsed) => new()
    {
        LabelColumn = parsed.GetValue(_labelColumn),
        MissingValues = parsed.GetValue(_impute) == "median" ? MissingValuePolicy.ImputeMedian : MissingValuePolicy.Error,
    };
}
