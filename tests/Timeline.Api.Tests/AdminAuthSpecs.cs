using Grpc.Core;
using Timeline.Api.Tests.Support;
using Timeline.Api.V1;

namespace Timeline.Api.Tests;

public sealed class a_server_started_without_an_admin_token : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.Start(adminToken: null);
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task refuses_admin_calls_saying_how_to_enable_them()
    {
        // When an operator ingests and replays, token or not
        var ingest = await Assert.ThrowsAsync<RpcException>(() =>
            _server.Events.IngestArticleAsync(Articles.Statement("a1", "Anvar Bobojonov", "2020-01-01", "q"), RunningServer.Admin()).ResponseAsync);
        using var replay = _server.Projections.Replay(new ReplayRequest());
        var replayError = await Assert.ThrowsAsync<RpcException>(() => replay.ResponseStream.MoveNext());

        // Then both are refused with PERMISSION_DENIED naming the variable to set, and nothing was stored
        Assert.Equal(StatusCode.PermissionDenied, ingest.StatusCode);
        Assert.Contains("TIMELINE_ADMIN_TOKEN", ingest.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, replayError.StatusCode);
        Assert.Null(await _server.Store.GetHeadPosition());
    }

    [Fact]
    public async Task still_answers_read_calls()
    {
        var actors = await _server.Timelines.FindActorsAsync(new FindActorsRequest());
        Assert.Empty(actors.Actors);
    }
}

public sealed class a_server_with_an_admin_token : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.Start();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task refuses_admin_calls_without_the_header_as_unauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _server.Events.IngestArticleAsync(Articles.Statement("a2", "Anvar Bobojonov", "2020-01-01", "q")).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Null(await _server.Store.GetHeadPosition());
    }

    [Theory]
    [InlineData("wrong-token")]
    [InlineData(RunningServer.AdminToken + "x")]
    [InlineData("")]
    public async Task refuses_admin_calls_with_a_wrong_token_as_unauthenticated(string token)
    {
        var ingest = await Assert.ThrowsAsync<RpcException>(() =>
            _server.Events.IngestArticleAsync(Articles.Statement("a3", "Anvar Bobojonov", "2020-01-01", "q"), RunningServer.Admin(token)).ResponseAsync);
        using var replay = _server.Projections.Replay(new ReplayRequest(), RunningServer.Admin(token));
        var replayError = await Assert.ThrowsAsync<RpcException>(() => replay.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.Unauthenticated, ingest.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, replayError.StatusCode);
        Assert.Null(await _server.Store.GetHeadPosition());
    }

    [Fact]
    public async Task accepts_admin_calls_with_the_right_token_and_streams_replay_progress_to_done()
    {
        // Given an ingested article (admin call accepted)
        var ingested = await _server.Events.IngestArticleAsync(
            Articles.Statement("a4", "Zafar Nazarov", "2020-01-01", "q"), RunningServer.Admin());
        Assert.Equal("ingested", ingested.Outcome);

        // When a replay is asked for with the token
        using var replay = _server.Projections.Replay(new ReplayRequest(), RunningServer.Admin());
        var progress = new List<ReplayProgress>();
        while (await replay.ResponseStream.MoveNext(SubscriptionReader.Soon()))
            progress.Add(replay.ResponseStream.Current);

        // Then progress streams and the last message says it is done, at the log head
        Assert.Equal("done", progress[^1].State);
        Assert.Equal((await _server.Store.GetHeadPosition())!.Value.ToString(), progress[^1].Position);

        // And status reports every projection against the head
        var status = await _server.Projections.GetStatusAsync(new GetStatusRequest());
        Assert.NotEmpty(status.Projections);
        Assert.Equal(progress[^1].Position, status.Head);
    }
}
