using System.CommandLine;
using TabularOd.Detectors;

namespace TabularOd.Cli.Commands;

/// <summary><c>tabod detectors [NAME]</c>: the detector catalog with each detector's parameters and defaults.</summary>
public static class DetectorsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string?>("name") { Description = "Show one detector in full.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("detectors", "List the detectors, their parameters and defaults.") { name };
        command.SetAction(parsed =>
        {
            var selected = parsed.GetValue(name) is { } one ? [Find(one)] : DetectorCatalog.All;
            foreach (var detector in selected)
            {
                console.Out.Write(new Rule($"[bold]{detector.Name}[/]") { Justification = Justify.Left });
                console.Out.WriteLine(detector.Summary);
                console.Out.WriteLine($"{detector.Characteristics}. {detector.Citation}");
                var table = new Table().AddColumns("parameter", "type", "default", "constraint", "meaning");
                foreach (var p in detector.Parameters)
                {
                    table.AddRow(Markup.Escape(p.Name), Markup.Escape(p.Type), Markup.Escape(p.Default), Markup.Escape(p.Constraint), Markup.Escape(p.Description));
                }
                console.Out.Write(table);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static DetectorDescriptor Find(string name) =>
        DetectorCatalog.Find(name) ?? throw new UsageException(
            $"unknown detector '{name}'; known detectors are: {string.Join(", ", DetectorCatalog.All.Select(d => d.Name))}.");
}
