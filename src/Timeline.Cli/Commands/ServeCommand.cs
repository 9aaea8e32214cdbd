using System.CommandLine;
using System.Net.Sockets;
using Timeline.Api.Hosting;
using Timeline.Api.Security;
using Timeline.Application.Hosting;
using Timeline.EventStore;

namespace Timeline.Cli.Commands;

/// <summary>
/// <c>timeline serve [--urls URL] [--web-urls URL] [--store URI] [--ingest PATH]</c>: the product's main job. One process
/// runs the gRPC service, the projection runner and (optionally) the ingestion of a folder; SIGTERM / Ctrl-C stop it gracefully.
/// </summary>
public static class ServeCommand
{
    private static readonly Option<string> Urls = new("--urls")
    {
        Description = $"gRPC endpoint, HTTP/2 without TLS (default {TimelineServerOptions.DefaultGrpcUrl}; use http://0.0.0.0:PORT to listen beyond this machine).",
        DefaultValueFactory = _ => TimelineServerOptions.DefaultGrpcUrl,
    };

    private static readonly Option<string> WebUrls = new("--web-urls")
    {
        Description = $"JSON over HTTP/1.1 for curl and browsers (default {TimelineServerOptions.DefaultWebUrl}; 'none' to turn it off).",
        DefaultValueFactory = _ => TimelineServerOptions.DefaultWebUrl,
    };

    private static readonly Option<string?> Ingest = new("--ingest")
    {
        Description = "A folder or file of articles to ingest once the server is up (e.g. samples).",
    };

    public static Command Create()
    {
        var command = new Command("serve", $"Run the gRPC service. Admin calls (ingest, replay) need {AdminGuard.EnvironmentVariable} set.")
        {
            Urls, WebUrls, Ingest,
        };
        command.SetAction(Run);
        return command;
    }

    private static async Task<int> Run(ParseResult parse, CancellationToken cancellationToken)
    {
        var webUrls = parse.GetValue(WebUrls);
        var ingest = parse.GetValue(Ingest);
        if (ingest is not null && !File.Exists(ingest) && !Directory.Exists(ingest))
            return Fail(2, $"--ingest {ingest}: no such file or folder.");

        StoreUri storeUri;
        TimelineServer server;
        var options = new TimelineServerOptions
        {
            GrpcUrl = parse.GetValue(Urls)!,
            WebUrl = string.Equals(webUrls, "none", StringComparison.OrdinalIgnoreCase) ? null : webUrls,
            AdminToken = Environment.GetEnvironmentVariable(AdminGuard.EnvironmentVariable),
            IngestPath = ingest,
        };
        IEventStore store;
        try
        {
            storeUri = GlobalOptions.StoreUri(parse);
            store = await EventStoreFactory.Open(storeUri, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is FormatException or EventStoreUnavailableException)
        {
            return Fail(2, e.Message);
        }

        await using (store)
        {
            try
            {
                server = TimelineServer.Create(options, services => services.AddTimelineBackend(store, GlobalOptions.DataDirectory(parse)));
            }
            catch (FormatException e)
            {
                return Fail(2, e.Message);
            }

            await using (server)
            {
                var running = server.RunAsync(cancellationToken);
                // The command line library lets a signalled command run on for two seconds only; keep the process
                // alive until the server has finished its graceful stop (in-flight appends, projection checkpoints).
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                    Task.WhenAny(running, Task.Delay(options.ShutdownTimeout + TimeSpan.FromSeconds(5))).Wait();
                try
                {
                    await running;
                }
                catch (IOException e) when (e.InnerException is SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                {
                    return Fail(1, $"Cannot listen: {e.Message} Choose other ports with --urls / --web-urls.");
                }
            }
        }
        return 0;
    }

    private static int Fail(int exitCode, string message)
    {
        Console.Error.WriteLine($"timeline serve: {message}");
        return exitCode;
    }
}
