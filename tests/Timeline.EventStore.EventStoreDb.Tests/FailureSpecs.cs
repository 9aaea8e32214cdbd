using System.Net;
using System.Net.Sockets;
using System.Text;
using Timeline.EventStore.EventStoreDb.Tests.Fake;

namespace Timeline.EventStore.EventStoreDb.Tests;

internal static class FreePort
{
    /// <summary>A loopback port that nothing listens on (taken and released at once).</summary>
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public class a_server_that_is_not_there
{
    [Fact]
    public async Task fails_with_the_address_tried_and_how_to_start_one()
    {
        // Given
        var port = FreePort.Find();

        // When
        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(() =>
            EventStoreDbEventStore.Connect($"esdb://127.0.0.1:{port}?tls=false&discoveryInterval=10&connectionTimeout=1000"));

        // Then
        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("docker compose up -d eventstore", error.Message);
    }

    [Fact]
    public async Task a_cluster_with_no_live_seed_says_no_leader_was_found()
    {
        var (a, b) = (FreePort.Find(), FreePort.Find());
        await using var store = EventStoreDbEventStore.Create(
            $"esdb://127.0.0.1:{a},127.0.0.1:{b}?tls=false&discoveryInterval=10&maxDiscoverAttempts=2&gossipTimeout=1000");

        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => store.GetHeadPosition());

        Assert.Contains("No EventStoreDB leader found", error.Message);
        Assert.Contains($"127.0.0.1:{a}", error.Message);
    }
}

public class a_server_slower_than_the_deadline
{
    [Fact]
    public async Task fails_the_call_with_the_deadline_it_missed()
    {
        // Given a server that holds appends far longer than the configured deadline
        await using var node = await FakeNode.Start();
        node.AppendDelay = TimeSpan.FromMinutes(1);
        await using var store = EventStoreDbEventStore.Create(node.ConnectionString + "&defaultDeadline=300");

        // When
        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(() =>
            store.AppendToStream(TestEvents.Stream(), ExpectedRevision.NoStream, [TestEvents.Json()]));

        // Then
        Assert.Contains("did not answer", error.Message);
        Assert.Contains("300 ms", error.Message);
    }
}

public class a_connection_string_with_credentials
{
    [Fact]
    public async Task sends_them_as_basic_authentication_on_every_call()
    {
        await using var node = await FakeNode.Start();
        await using var store = EventStoreDbEventStore.Create($"esdb://admin:changeit@{node.Host}:{node.Port}?tls=false");

        await store.AppendToStream(TestEvents.Stream(), ExpectedRevision.NoStream, [TestEvents.Json()]);
        await store.GetHeadPosition();

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:changeit"));
        Assert.True(node.Authorizations.Count >= 2);
        Assert.All(node.Authorizations, a => Assert.Equal(expected, a));
    }
}
