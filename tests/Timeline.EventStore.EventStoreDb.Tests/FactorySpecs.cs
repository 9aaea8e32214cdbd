using Timeline.Application.Hosting;
using Timeline.EventStore.EventStoreDb.Tests.Fake;

namespace Timeline.EventStore.EventStoreDb.Tests;

public class choosing_eventstoredb_as_the_store
{
    [Fact]
    public async Task an_esdb_uri_opens_the_eventstoredb_adapter_on_that_server()
    {
        // Given
        await using var node = await FakeNode.Start();

        // When
        await using var store = await EventStoreFactory.Open(node.ConnectionString);
        await store.AppendToStream(TestEvents.Stream(), ExpectedRevision.NoStream, [TestEvents.Json()]);

        // Then
        Assert.IsType<EventStoreDbEventStore>(store);
        Assert.Equal($"esdb://127.0.0.1:{node.Port}?tls=false", store.Description);
        Assert.Single(node.Appends);
    }

    [Fact]
    public async Task an_esdb_uri_with_nothing_listening_fails_at_once_naming_the_address()
    {
        var port = FreePort.Find();

        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(() =>
            EventStoreFactory.Open($"esdb://127.0.0.1:{port}?tls=false&discoveryInterval=10"));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("docker compose up -d eventstore", error.Message);
    }

    [Fact]
    public async Task a_malformed_esdb_uri_is_reported_as_unavailable_with_the_reason()
    {
        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(() =>
            EventStoreFactory.Open("esdb://127.0.0.1:2113?colour=blue"));

        Assert.Contains("colour", error.Message);
    }
}
