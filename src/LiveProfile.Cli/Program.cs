using System.CommandLine;
using LiveProfile.Cli.Commands;

var root = new RootCommand("LiveProfile: real-time user profiles for live-stream commerce")
{
    ServeCommand.Create(),
    IngestCommand.Create(),
    LoadgenCommand.Create(),
    SimulateCommand.Create(),
    EvaluateCommand.Create(),
    EvaluateMatchingCommand.Create(),
    FitClvCommand.Create(),
    FitChurnCommand.Create(),
    EvaluateModelsCommand.Create(),
    CdnowCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
