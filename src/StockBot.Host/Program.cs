using System.Runtime.InteropServices;
using StockBot.Host.Cli;

// Ctrl+C, SIGTERM and SIGQUIT cancel the command, which then stops cleanly (the demo removes its files, `run`
// finishes the write it began). A second signal while stopping ends the process the default way.
using var stopping = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = !stopping.IsCancellationRequested;
    stopping.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
return await StockBotCli.RunAsync(args, CliEnvironment.FromConsole(), stopping.Token);
