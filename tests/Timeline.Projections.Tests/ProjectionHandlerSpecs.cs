using Timeline.Projections;
using Timeline.Application;
using Timeline.Application.Projections;
using Timeline.Projections.Tests.Support;

namespace Timeline.Projections.Tests;

public sealed class the_replay_and_status_requests
{
    [Fact]
    public async Task report_progress_while_replaying_and_then_a_live_status_with_no_lag()
    {
        // Given a log of a few hundred events and a built read model
        using var folder = new TempFolder();
        await using var harness = new ProjectionHarness(folder.Path, options: new ProjectionOptions { BatchSize = 16 });
        var head = await SampleLog.AppendAll(harness.Store, SampleLog.Articles(80));
        await harness.CatchUp();

        // When the replay request runs with a progress sink
        var reports = new List<ReplayProgress>();
        var result = await harness.Mediator.Send(new ReplayProjections("actortimeline", new ListProgress(reports)));

        // Then progress went up to the head with position/total, a rate and an ETA, and the status is live
        Assert.True(reports.Count > 3);
        Assert.All(reports, r => Assert.Equal(head.ToString(), r.Head));
        Assert.Equal((long)head.Commit, reports[^1].EventsTotal);
        Assert.Equal(head.ToString(), reports[^1].Position);
        Assert.Contains(reports, r => r.State == "replaying" && r.EventsPerSecond > 0 && r.Eta is not null);
        Assert.Equal("swapped", reports[^1].State);
        // And building the new read model's indexes, the last step before the swap, said so
        Assert.Equal("indexing", reports[^2].State);
        Assert.Equal((long)head.Commit, result.EventsProcessed);
        Assert.Equal(head.ToString(), result.Position);

        var status = await harness.Mediator.Send(new GetProjectionStatus());
        Assert.Equal(3, status.Count);
        Assert.All(status, s =>
        {
            Assert.Equal(head.ToString(), s.Checkpoint);
            Assert.Equal(head.ToString(), s.Head);
            Assert.Equal(0, s.Lag);
            Assert.Equal("live", s.State);
            Assert.Equal(ProjectionCatalog.CurrentVersions[s.Projection], s.Version);
        });
    }

    [Fact]
    public async Task an_unknown_projection_is_an_invalid_request()
    {
        using var folder = new TempFolder();
        await using var harness = new ProjectionHarness(folder.Path);
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => harness.Mediator.Send(new ReplayProjections("Timelines")));
        Assert.Contains("ActorTimeline", error.Message);
    }

    private sealed class ListProgress(List<ReplayProgress> reports) : IProgress<ReplayProgress>
    {
        public void Report(ReplayProgress value) => reports.Add(value);
    }
}
