using TabularOd.Cli;

var console = new CliConsole(Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);
return TabodApp.Run(args, console);
