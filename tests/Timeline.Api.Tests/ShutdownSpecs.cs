using Grpc.Core;
using Timeline.Api.Tests.Support;
using Timeline.Api.V1;
using Timeline.EventStore;
using Timeline.EventStore.Memory;

namespace Timeline.Api.Tests;

public sealed class a_server_shutting_down_gracefully
{
    [Fact]
    public async Task loses_no_acknowledged_ingest_and_tells_subscribers_where_to_resume()
    {
        // Given a server with a live subscriber, and many ingest calls in flight
        var store = new MemoryEventStore();
        var server = await RunningServer.Start(store: store);
        using var subscription = server.Events.Subscribe(new SubscribeRequest { From = "start" }, cancellationToken: SubscriptionReader.Soon());
        await subscription.ResponseStream.ReadUntilCaughtUp();
        // A live subscriber keeps reading: one that does not holds the server's writes at HTTP/2 flow control, and
        // the status that ends its call could only follow the data it has not taken.
        var received = new List<SubscribeResponse>();
        var reading = Task.Run(async () =>
        {
            while (await subscription.ResponseStream.MoveNext()) received.Add(subscription.ResponseStream.Current);
        });
        var calls = Enumerable.Range(0, 200).Select(async i =>
        {
            try
            {
                return await server.Events.IngestArticleAsync(
                    Articles.Statement($"s-{i}", "Rustam Karimov", "2020-01-01", $"Q{i}"), RunningServer.Admin());
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Cancelled)
            {
                // Refused because the server was already stopping: the client may retry; nothing was acknowledged.
                return null;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Internal && e.Status.Detail.StartsWith("Error starting gRPC call"))
            {
                // The connection's GOAWAY reached the client before this call's request went out: the call never
                // started, so nothing was acknowledged either (the client reports it as Internal, not Unavailable).
                return null;
            }
        }).ToList();

        // When the server is stopped while they run
        await Task.WhenAny(calls);
        await server.Server.StopAsync();
        var answers = await Task.WhenAll(calls);

        // Then every acknowledged article is in the log
        var stored = new HashSet<string>();
        await foreach (var e in store.ReadAll(ReadDirection.Forwards, LogPosition.Start))
            stored.Add(e.Stream);
        foreach (var answer in answers.Where(a => a is not null))
            Assert.Contains("article-" + answer!.ArticleId, stored);
        Assert.Contains(answers, a => a is not null);

        // And the subscriber was told the server is going away, with the position to resume from
        var error = await Assert.ThrowsAsync<RpcException>(() => reading);
        Assert.True(error.StatusCode == StatusCode.Unavailable, error.ToString());
        Assert.Contains("Resume with from=", error.Status.Detail);
        // …which is the last one it received, so resuming there skips nothing and repeats nothing
        var last = received.LastOrDefault(m => m.Position.Length > 0);
        if (last is not null) Assert.Contains($"from={last.Position} ", error.Status.Detail);
        await server.DisposeAsync();
    }
}
