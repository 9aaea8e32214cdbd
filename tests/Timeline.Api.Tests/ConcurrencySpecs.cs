using Google.Protobuf;
using Timeline.Api.Tests.Support;
using Timeline.Api.V1;

namespace Timeline.Api.Tests;

public sealed class fifty_concurrent_clients : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.Start();
        for (var i = 0; i < 5; i++)
            await _server.Events.IngestArticleAsync(
                Articles.Statement($"c-{i}", "Zafar Nazarov", $"201{i}-07-09", $"Statement {i}"), RunningServer.Admin());
        await RunningServer.Eventually(async () =>
            (await _server.ActorTimelineOnceKnown(new GetActorTimelineRequest { Actor = "zafar-nazarov" }))?.Entries.Count == 5,
            "all five statements are on the timeline");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task each_on_its_own_connection_get_the_same_answers()
    {
        // When 50 clients, each with its own channel, ask the same three questions at once
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            var channel = _server.NewChannel();
            var timelines = new V1.Timelines.TimelinesClient(channel);
            var actor = timelines.GetActorTimelineAsync(new GetActorTimelineRequest { Actor = "Zafar Nazarov", From = "2011", To = "2014" });
            var country = timelines.GetCountryTimelineAsync(new GetCountryTimelineRequest { Country = "TJ" });
            var actors = timelines.FindActorsAsync(new FindActorsRequest { Search = "zaf" });
            return (await actor).ToByteString().ToBase64() + "|" + (await country).ToByteString().ToBase64() + "|" + (await actors).ToByteString().ToBase64();
        }));

        // Then every client got the same, non-empty answers
        Assert.Single(answers.Distinct());
        var sample = await _server.Timelines.GetActorTimelineAsync(new GetActorTimelineRequest { Actor = "Zafar Nazarov", From = "2011", To = "2014" });
        Assert.NotEmpty(sample.Entries);
    }
}
