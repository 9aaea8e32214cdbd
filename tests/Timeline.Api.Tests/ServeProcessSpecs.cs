using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Health.V1;
using Grpc.Net.Client;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Api.Hosting;
using Timeline.Api.Tests.Support;
using Timeline.Api.V1;
using Timeline.Application.Hosting;
using Timeline.Application.Projections;
using Timeline.EventStore;

namespace Timeline.Api.Tests;

public sealed class timeline_serve_sent_sigterm : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "timeline-serve-tests", Guid.NewGuid().ToString("N"));

    public timeline_serve_sent_sigterm() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task stops_gracefully_keeping_every_acknowledged_article_and_the_projection_checkpoint()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;   // SIGTERM is a POSIX signal

        // Given `timeline serve` running as its own process on a SQLite store, with an admin token
        var store = "sqlite:" + Path.Combine(_folder, "events.db");
        var data = Path.Combine(_folder, "data");
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "timeline.dll"), "serve", "--store", store, "--data", data,
                "--urls", $"http://127.0.0.1:{port}", "--web-urls", "none" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["TIMELINE_ADMIN_TOKEN"] = RunningServer.AdminToken },
        };
        using var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
            await RunningServer.Eventually(() => Serving(channel), "the server answers health checks");

            // When articles are being ingested and the process receives SIGTERM
            var events = new V1.Events.EventsClient(channel);
            var calls = Enumerable.Range(0, 20).Select(i => Acknowledged(events,
                Articles.Statement($"sig-{i}", "Rustam Karimov", $"2021-03-{i + 1:00}", $"Statement number {i}."))).ToList();
            var pending = calls.ToList();
            while (pending.Count > 0 && await await Task.WhenAny(pending) is null)
                pending.RemoveAll(c => c.IsCompleted);
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) await kill.WaitForExitAsync();
            var answers = await Task.WhenAll(calls);
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(40)), "the server did not stop:\n" + string.Join('\n', output));

            // Then it exited cleanly (143 is the conventional "stopped by SIGTERM", after the same graceful stop)
            Assert.True(process.ExitCode is 0 or 143, $"exit code {process.ExitCode}:\n" + string.Join('\n', output));

            // And every acknowledged article is in the store
            await using var reopened = await EventStoreFactory.Open(StoreUri.Parse(store));
            var acknowledged = answers.Where(a => a is not null).ToList();
            Assert.NotEmpty(acknowledged);
            foreach (var answer in acknowledged)
                Assert.True((await reopened.GetStreamState("article-" + answer!.ArticleId)).Exists, $"article {answer.ArticleId} was acknowledged but is not stored");

            // And the projections' stored checkpoint is within the log (events after it are applied at the next start)
            var services = new ServiceCollection().AddLogging().AddTimelineBackend(reopened, data).BuildServiceProvider();
            await using (services)
            {
                var status = await services.GetRequiredService<IMediator>().Send(new GetProjectionStatus());
                var head = (await reopened.GetHeadPosition())!.Value;
                Assert.NotEmpty(status);
                Assert.All(status, s => Assert.True(s.Checkpoint is null || LogPosition.Parse(s.Checkpoint) <= head, $"{s.Projection}: checkpoint {s.Checkpoint}, head {head}"));
            }

            // And once started again on the same files, the timeline shows every acknowledged article
            await using var restarted = await RunningServer.Start(store: reopened, dataDirectory: data);
            var expected = acknowledged.Select(a => a!.ArticleId).ToHashSet();
            await RunningServer.Eventually(async () =>
                (await restarted.ActorTimelineOnceKnown(new GetActorTimelineRequest { Actor = "Rustam Karimov", PageSize = 100 })) is { } timeline
                && expected.IsSubsetOf(timeline.Entries.SelectMany(e => e.Sources).Select(s => s.ArticleId)),
                "the restarted server's timeline shows every acknowledged article");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The answer, or null when the call was refused because the server was stopping (nothing acknowledged).</summary>
    private static async Task<IngestArticleResponse?> Acknowledged(V1.Events.EventsClient events, IngestArticleRequest article)
    {
        try
        {
            return await events.IngestArticleAsync(article, RunningServer.Admin());
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Cancelled or StatusCode.Internal)
        {
            return null;
        }
    }

    private static async Task<bool> Serving(GrpcChannel channel)
    {
        try
        {
            return (await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest())).Status == HealthCheckResponse.Types.ServingStatus.Serving;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
