using Timeline.Api.Tests.Support;
using Timeline.Api.V1;

namespace Timeline.Api.Tests;

/// <summary>Articles call him "Muhiddin Kabiri"; the gazetteer also knows the spelling "Mukhiddin Kabiri".</summary>
public sealed class an_actor_asked_for_by_a_gazetteer_spelling_over_grpc : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.Start();
        await _server.Store.Append("alias-1", TestEvents.Statement("alias-1", "Muhiddin Kabiri", "TJ", "Sanctions are needed."));
        await RunningServer.Eventually(async () => await _server.ActorTimelineOnceKnown(new GetActorTimelineRequest { Actor = "muhiddin-kabiri" }) is not null,
            "the projections know the actor");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task the_timeline_is_his_and_lists_the_gazetteer_names_as_aliases()
    {
        // When the timeline is asked for by the other spelling
        var timeline = await _server.Timelines.GetActorTimelineAsync(new GetActorTimelineRequest { Actor = "Mukhiddin Kabiri" });

        // Then it is his, with the reported name and every known alias
        Assert.Equal("muhiddin-kabiri", timeline.Actor.Id);
        Assert.Equal("Muhiddin Kabiri", timeline.Actor.Name);
        Assert.Contains("Mukhiddin Kabiri", timeline.Actor.Aliases);
        Assert.Single(timeline.Entries);
    }

    [Fact]
    public async Task the_directory_finds_him_by_the_other_spelling_with_his_aliases()
    {
        var found = await _server.Timelines.FindActorsAsync(new FindActorsRequest { Search = "Mukh" });

        var actor = Assert.Single(found.Actors);
        Assert.Equal("muhiddin-kabiri", actor.Id);
        Assert.Contains("Mukhiddin Kabiri", actor.Aliases);
        Assert.Equal(1, actor.EventCount);
    }
}
