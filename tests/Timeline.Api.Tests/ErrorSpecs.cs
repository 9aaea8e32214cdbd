using Grpc.Core;
using Timeline.Api.Tests.Support;
using Timeline.Api.V1;

namespace Timeline.Api.Tests;

public sealed class bad_requests : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.Start();
        await _server.Events.IngestArticleAsync(
            Articles.Statement("known", "Zafar Nazarov", "2017-07-09", "We are here."), RunningServer.Admin());
        await RunningServer.Eventually(async () =>
            (await _server.Timelines.FindActorsAsync(new FindActorsRequest())).Actors.Count > 0, "the actor is in the directory");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, GetActorTimelineRequest, string> BadActorQueries => new()
    {
        { "empty actor", new GetActorTimelineRequest { Actor = " " }, "actor is empty" },
        { "from not a date", new GetActorTimelineRequest { Actor = "Zafar Nazarov", From = "last summer" }, "not a date" },
        { "to not a date", new GetActorTimelineRequest { Actor = "Zafar Nazarov", To = "2015-13" }, "not a date" },
        { "from after to", new GetActorTimelineRequest { Actor = "Zafar Nazarov", From = "2020", To = "2015" }, "date range is empty" },
        { "unknown type", new GetActorTimelineRequest { Actor = "Zafar Nazarov", Types_ = { "PartyFounded" } }, "Unknown event type 'PartyFounded'" },
        { "negative page size", new GetActorTimelineRequest { Actor = "Zafar Nazarov", PageSize = -1 }, "page_size" },
    };

    [Theory]
    [MemberData(nameof(BadActorQueries))]
    public async Task an_actor_query_with_bad_input_is_invalid_argument_with_a_human_message(string situation, GetActorTimelineRequest request, string message)
    {
        // When the query is sent
        var error = await Assert.ThrowsAsync<RpcException>(() => _server.Timelines.GetActorTimelineAsync(request).ResponseAsync);

        // Then it is refused as invalid, saying what is wrong
        Assert.True(error.StatusCode == StatusCode.InvalidArgument, $"{situation}: {error.Status}");
        Assert.Contains(message, error.Status.Detail);
    }

    [Fact]
    public async Task an_empty_country_is_invalid_argument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _server.Timelines.GetCountryTimelineAsync(new GetCountryTimelineRequest { Country = "" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task an_unknown_actor_is_not_found_with_close_matches()
    {
        // When a historian misspells a known actor
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _server.Timelines.GetActorTimelineAsync(new GetActorTimelineRequest { Actor = "Zafar Nazarof" }).ResponseAsync);

        // Then the answer is NOT_FOUND and names the close match, in the message and as a trailer
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("Zafar Nazarov", error.Status.Detail);
        Assert.Contains(error.Trailers, t => t.Key == "suggestion" && t.Value.Contains("Nazarov"));
    }

    [Theory]
    [InlineData("yesterday", "", "not a place to subscribe from")]
    [InlineData("start", "Nowhereland", "Unknown country")]
    public async Task a_subscription_with_bad_input_is_invalid_argument(string from, string country, string message)
    {
        using var call = _server.Events.Subscribe(new SubscribeRequest { From = from, Country = country });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(message, error.Status.Detail);
    }

    [Fact]
    public async Task a_subscription_to_an_unknown_type_is_invalid_argument()
    {
        using var call = _server.Events.Subscribe(new SubscribeRequest { From = "start", Types_ = { "Coup" } });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task bad_ingest_requests_are_refused_and_change_nothing()
    {
        // Given the log as it is
        var head = await _server.Store.GetHeadPosition();

        // When articles with an empty body, an unusable id, or a body over the size limit are sent
        var empty = await Assert.ThrowsAsync<RpcException>(() =>
            _server.Events.IngestArticleAsync(new IngestArticleRequest { Id = "empty", Body = "  " }, RunningServer.Admin()).ResponseAsync);
        var badId = await Assert.ThrowsAsync<RpcException>(() =>
            _server.Events.IngestArticleAsync(Articles.Statement("bad id/with slash", "Anvar Bobojonov", "2020-01-01", "q"), RunningServer.Admin()).ResponseAsync);
        var huge = await Assert.ThrowsAsync<RpcException>(() =>
            _server.Events.IngestArticleAsync(new IngestArticleRequest { Id = "huge", Body = new string('a', 5 * 1024 * 1024) }, RunningServer.Admin()).ResponseAsync);

        // Then each is refused with its status, and the log is unchanged
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, badId.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, huge.StatusCode);
        Assert.Equal(head, await _server.Store.GetHeadPosition());
    }
}
