using Timeline.EventStore.EventStoreDb.Connection;

namespace Timeline.EventStore.EventStoreDb.Tests;

public class a_connection_string_with_one_host
{
    [Fact]
    public void connects_to_that_node_directly_without_tls_when_told()
    {
        // Given / When
        var settings = EsdbConnectionString.Parse("esdb://eventstore:2113?tls=false");

        // Then
        Assert.Equal([new EsdbEndpoint("eventstore", 2113)], settings.Hosts);
        Assert.False(settings.UsesGossip);
        Assert.False(settings.UseTls);
        Assert.Equal("http", settings.Scheme);
    }

    [Fact]
    public void uses_tls_with_certificate_checks_and_port_2113_by_default()
    {
        var settings = EsdbConnectionString.Parse("esdb://db.example");

        Assert.Equal(new EsdbEndpoint("db.example", 2113), settings.Hosts[0]);
        Assert.True(settings.UseTls);
        Assert.True(settings.VerifyCertificate);
        Assert.Equal("https", settings.Scheme);
    }

    [Fact]
    public void reads_credentials_deadlines_and_certificate_checking()
    {
        var settings = EsdbConnectionString.Parse(
            "esdb://admin:changeit@localhost:2113?tlsVerifyCert=false&defaultDeadline=2500&connectionTimeout=700&gossipTimeout=900&maxDiscoverAttempts=4&connectionName=timeline");

        Assert.Equal("admin", settings.UserName);
        Assert.Equal("changeit", settings.Password);
        Assert.True(settings.UseTls);
        Assert.False(settings.VerifyCertificate);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), settings.DefaultDeadline);
        Assert.Equal(TimeSpan.FromMilliseconds(700), settings.ConnectionTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(900), settings.GossipTimeout);
        Assert.Equal(4, settings.MaxDiscoverAttempts);
        Assert.Equal("timeline", settings.ConnectionName);
    }

    [Fact]
    public void never_shows_the_password_in_messages()
    {
        var settings = EsdbConnectionString.Parse("esdb://admin:s3cret@localhost:2113?tls=false");

        Assert.DoesNotContain("s3cret", settings.Redacted);
        Assert.Contains("admin:***@localhost:2113", settings.Redacted);
    }
}

public class a_connection_string_for_a_cluster
{
    [Fact]
    public void with_several_hosts_treats_them_as_gossip_seeds()
    {
        var settings = EsdbConnectionString.Parse("esdb://h1:2113,h2:2114,h3?tls=false");

        Assert.True(settings.UsesGossip);
        Assert.Equal([new("h1", 2113), new("h2", 2114), new EsdbEndpoint("h3", 2113)], settings.Hosts);
    }

    [Fact]
    public void with_discover_finds_the_leader_through_the_one_name()
    {
        var settings = EsdbConnectionString.Parse("esdb+discover://cluster.internal:2113");

        Assert.True(settings.Discover);
        Assert.True(settings.UsesGossip);
        Assert.Single(settings.Hosts);
    }
}

public class a_malformed_connection_string
{
    [Theory]
    [InlineData("")]
    [InlineData("http://localhost:2113")]
    [InlineData("esdb://")]
    [InlineData("esdb://localhost:99999")]
    [InlineData("esdb://localhost:2113?tls=maybe")]
    [InlineData("esdb://localhost:2113?colour=blue")]
    [InlineData("esdb://localhost:2113?defaultDeadline=-5")]
    [InlineData("esdb://user@localhost:2113")]
    [InlineData("esdb+discover://h1,h2")]
    [InlineData("esdb://localhost?nodePreference=follower")]
    public void is_refused_with_a_reason(string text)
    {
        var error = Assert.Throws<FormatException>(() => EsdbConnectionString.Parse(text));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
