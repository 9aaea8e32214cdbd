using Grpc.Core;
using Timeline.Api.Tests.Support;
using Timeline.Api.V1;

namespace Timeline.Api.Tests;

public sealed class an_article_ingested_over_grpc : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.Start();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task appears_in_the_actors_timeline_and_reaches_a_live_subscriber()
    {
        // Given a subscriber that has caught up with the (empty) log
        using var subscription = _server.Events.Subscribe(new SubscribeRequest { From = "start" }, cancellationToken: SubscriptionReader.Soon());
        await subscription.ResponseStream.ReadUntilCaughtUp();

        // When an article is ingested over gRPC with the admin token
        var ingested = await _server.Events.IngestArticleAsync(
            Articles.Statement("gw-event-2020", "Zafar Nazarov", "2020-09-16", "We expect many visitors this spring."),
            RunningServer.Admin());

        // Then the answer says what was stored, and where
        Assert.Equal("ingested", ingested.Outcome);
        Assert.Equal("gw-event-2020", ingested.ArticleId);
        Assert.True(ingested.EventsByType.TryGetValue("StatementMade", out var statements) && statements >= 1);
        Assert.NotEmpty(ingested.Position);

        // And the actor's timeline shows it, traced to its source
        GetActorTimelineResponse timeline = null!;
        await RunningServer.Eventually(async () =>
        {
            timeline = (await _server.ActorTimelineOnceKnown(new GetActorTimelineRequest { Actor = "Zafar Nazarov" }))!;
            return timeline?.Entries.Count > 0;
        }, "the timeline shows the statement");
        var entry = Assert.Single(timeline.Entries);
        Assert.Equal("zafar-nazarov", timeline.Actor.Id);
        Assert.Equal("StatementMade", entry.Type);
        Assert.Equal("2020-09-16", entry.Occurred);
        Assert.Equal("gw-event-2020", Assert.Single(entry.Sources).ArticleId);

        // And the live subscriber receives the new event, with a position to resume from
        var received = await subscription.ResponseStream.ReadEvents(2);
        var statement = Assert.Single(received, e => e.Type == "StatementMade");
        Assert.Equal("TJ", statement.Country);
        Assert.Contains(statement.Actors, a => a.Id == "zafar-nazarov" && a.Role == "speaker");
        Assert.Equal("gw-event-2020", statement.Source.ArticleId);
        Assert.Contains("quotes", statement.DataJson);
        Assert.Equal(ingested.Position, received[^1].Position);
    }

    [Fact]
    public async Task a_second_report_of_a_statement_shows_in_answers_to_a_question_asked_before_and_to_a_new_one()
    {
        // Given a statement already read through a timeline query (answers and entry messages are kept for reuse)
        await _server.Events.IngestArticleAsync(Articles.Statement("first-report", "Zafar Nazarov", "2020-09-16", "We expect many visitors this spring."), RunningServer.Admin());
        var asked = new GetActorTimelineRequest { Actor = "Zafar Nazarov", To = "2030-01-01" };
        await RunningServer.Eventually(async () => (await _server.ActorTimelineOnceKnown(asked))?.Entries.Count == 1, "the first report is in the timeline");

        // When another outlet reports the same statement
        await _server.Events.IngestArticleAsync(Articles.Statement("second-report", "Zafar Nazarov", "2020-09-16", "We expect many visitors this spring."), RunningServer.Admin());

        // Then the question asked before, and a new one, both see one entry with both sources
        await RunningServer.Eventually(async () => (await _server.ActorTimelineOnceKnown(asked))?.Entries.SingleOrDefault()?.Sources.Count == 2, "the second report joins the entry");
        var fresh = await _server.Timelines.GetActorTimelineAsync(new GetActorTimelineRequest { Actor = "Zafar Nazarov", To = "2031-01-01" });
        var entry = Assert.Single(fresh.Entries);
        Assert.Equal(["first-report", "second-report"], entry.Sources.Select(s => s.ArticleId).Order());
        Assert.Equal(2, entry.Corroboration);
    }

    [Fact]
    public async Task ingested_again_is_a_duplicate_and_stores_nothing_new()
    {
        // Given an article already ingested
        var article = Articles.Statement("repeat-1", "Saifullo Safarov", "2017-07-10", "A serious threat.");
        await _server.Events.IngestArticleAsync(article, RunningServer.Admin());
        var head = await _server.Store.GetHeadPosition();

        // When it is ingested again
        var again = await _server.Events.IngestArticleAsync(article, RunningServer.Admin());

        // Then it is reported as a duplicate and the log did not grow
        Assert.Equal("duplicate", again.Outcome);
        Assert.Equal(head, await _server.Store.GetHeadPosition());
    }
}
