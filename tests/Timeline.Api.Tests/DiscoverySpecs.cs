using System.Net;
using System.Text.Json;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Timeline.Api.Tests.Support;
using Timeline.Api.V1;

namespace Timeline.Api.Tests;

public sealed class a_generic_grpc_tool_without_our_protos : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.Start();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task finds_the_services_through_reflection()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_server.Channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("timeline.v1.Timelines", services);
        Assert.Contains("timeline.v1.Events", services);
        Assert.Contains("timeline.v1.Projections", services);
    }

    [Fact]
    public async Task sees_the_server_healthy()
    {
        var health = new Health.HealthClient(_server.Channel);
        var reply = await health.CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }
}

public sealed class a_historian_with_curl : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.Start();
        await _server.Events.IngestArticleAsync(
            Articles.Statement("dortmund", "Zafar Nazarov", "2017-07-09", "Twenty years of peace."), RunningServer.Admin());
        await RunningServer.Eventually(async () =>
            (await _server.ActorTimelineOnceKnown(new GetActorTimelineRequest { Actor = "zafar-nazarov" }))?.Entries.Count == 1,
            "the statement is on the timeline");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task gets_an_actors_timeline_as_json_over_http_1_1()
    {
        // When the timeline is fetched with a plain HTTP/1.1 GET on the web endpoint
        using var response = await _server.Web.GetAsync("/v1/actors/zafar-nazarov/timeline?types=StatementMade&from=2017");

        // Then it is JSON with the CLI's field names
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var entry = json.RootElement.GetProperty("entries")[0];
        Assert.Equal("2017-07-09", entry.GetProperty("occurred").GetString());
        Assert.Equal("StatementMade", entry.GetProperty("type").GetString());
        Assert.Equal("dortmund", entry.GetProperty("sources")[0].GetProperty("articleId").GetString());
    }

    [Fact]
    public async Task gets_the_country_timeline_and_the_actor_directory()
    {
        using var country = await _server.Web.GetAsync("/v1/countries/TJ/timeline");
        using var actors = await _server.Web.GetAsync("/v1/actors?search=zaf");
        Assert.Equal(HttpStatusCode.OK, country.StatusCode);
        Assert.Contains("Twenty years of peace.", await country.Content.ReadAsStringAsync());
        Assert.Contains("zafar-nazarov", await actors.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task gets_404_with_the_message_for_an_unknown_actor_and_400_for_a_bad_date()
    {
        using var unknown = await _server.Web.GetAsync("/v1/actors/Zafar%20Nazarof/timeline");
        using var badDate = await _server.Web.GetAsync("/v1/actors/zafar-nazarov/timeline?from=someday");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Zafar Nazarov", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
    }
}
