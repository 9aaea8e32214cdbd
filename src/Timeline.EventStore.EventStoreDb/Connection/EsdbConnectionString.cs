using System.Globalization;

namespace Timeline.EventStore.EventStoreDb.Connection;

/// <summary>A host and port of an EventStoreDB node.</summary>
public readonly record struct EsdbEndpoint(string Host, int Port)
{
    public const int DefaultPort = 2113;
    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}

/// <summary>
/// An EventStoreDB connection string as its users write it:
/// <c>esdb://[user:password@]host[:port][,host[:port]…][?key=value&amp;…]</c> or <c>esdb+discover://…</c>.
/// One host with <c>esdb://</c> connects to that node directly; several hosts, or <c>esdb+discover://</c>,
/// are gossip seeds from which the cluster's leader is found.
/// </summary>
public sealed record EsdbConnectionString
{
    public required IReadOnlyList<EsdbEndpoint> Hosts { get; init; }
    public bool Discover { get; init; }
    public string? UserName { get; init; }
    public string? Password { get; init; }
    public bool UseTls { get; init; } = true;
    public bool VerifyCertificate { get; init; } = true;
    /// <summary>Deadline of every call except subscriptions (<c>defaultDeadline</c>, ms).</summary>
    public TimeSpan DefaultDeadline { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>How long to wait for a TCP/TLS connection to a node (<c>connectionTimeout</c>, ms).</summary>
    public TimeSpan ConnectionTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Deadline of one gossip call (<c>gossipTimeout</c>, ms).</summary>
    public TimeSpan GossipTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Pause between two discovery rounds (<c>discoveryInterval</c>, ms).</summary>
    public TimeSpan DiscoveryInterval { get; init; } = TimeSpan.FromMilliseconds(100);
    /// <summary>Discovery rounds before giving up (<c>maxDiscoverAttempts</c>).</summary>
    public int MaxDiscoverAttempts { get; init; } = 10;
    public string? ConnectionName { get; init; }

    /// <summary>Whether the leader has to be found through gossip (a cluster) rather than connected to directly.</summary>
    public bool UsesGossip => Discover || Hosts.Count > 1;

    public string Scheme => UseTls ? "https" : "http";

    /// <summary>The connection string without the password, for messages.</summary>
    public string Redacted =>
        $"{(Discover ? "esdb+discover" : "esdb")}://{(UserName is null ? "" : UserName + ":***@")}{string.Join(',', Hosts)}{(UseTls ? "" : "?tls=false")}";

    public override string ToString() => Redacted;

    public static EsdbConnectionString Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new FormatException("The EventStoreDB connection string is empty (expected esdb://HOST:2113?tls=false).");
        text = text.Trim();
        bool discover;
        string rest;
        if (text.StartsWith("esdb://", StringComparison.OrdinalIgnoreCase))
        {
            discover = false;
            rest = text["esdb://".Length..];
        }
        else if (text.StartsWith("esdb+discover://", StringComparison.OrdinalIgnoreCase))
        {
            discover = true;
            rest = text["esdb+discover://".Length..];
        }
        else
        {
            throw new FormatException($"'{text}' is not an EventStoreDB connection string; it must start with esdb:// or esdb+discover://.");
        }

        string? query = null;
        var q = rest.IndexOf('?');
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }
        rest = rest.TrimEnd('/');

        string? user = null, password = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var credentials = rest[..at];
            rest = rest[(at + 1)..];
            var colon = credentials.IndexOf(':');
            if (colon <= 0 || colon == credentials.Length - 1)
                throw new FormatException("Credentials in an EventStoreDB connection string are written user:password@host.");
            user = Uri.UnescapeDataString(credentials[..colon]);
            password = Uri.UnescapeDataString(credentials[(colon + 1)..]);
        }

        if (rest.Length == 0)
            throw new FormatException($"'{text}' names no host (expected esdb://HOST:2113).");
        var hosts = rest.Split(',').Select(h => ParseEndpoint(h, text)).ToList();
        if (discover && hosts.Count > 1)
            throw new FormatException("esdb+discover:// takes one host name (a DNS name for the cluster); list several nodes with esdb://h1,h2,h3.");

        var result = new EsdbConnectionString { Hosts = hosts, Discover = discover, UserName = user, Password = password };
        if (query is not null)
            foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
                result = ApplySetting(result, pair);
        return result;
    }

    private static EsdbEndpoint ParseEndpoint(string hostPort, string whole)
    {
        hostPort = hostPort.Trim();
        if (hostPort.Length == 0)
            throw new FormatException($"'{whole}' has an empty host in its host list.");
        string host;
        string? port = null;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']');
            if (close < 0) throw new FormatException($"'{hostPort}' opens an IPv6 address with '[' but never closes it.");
            host = hostPort[1..close];
            if (close + 1 < hostPort.Length)
            {
                if (hostPort[close + 1] != ':') throw new FormatException($"'{hostPort}' is not host:port.");
                port = hostPort[(close + 2)..];
            }
        }
        else
        {
            var colon = hostPort.IndexOf(':');
            host = colon < 0 ? hostPort : hostPort[..colon];
            port = colon < 0 ? null : hostPort[(colon + 1)..];
        }
        if (host.Length == 0) throw new FormatException($"'{hostPort}' has no host name.");
        if (port is null) return new EsdbEndpoint(host, EsdbEndpoint.DefaultPort);
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            throw new FormatException($"'{port}' in '{hostPort}' is not a port number (1-65535).");
        return new EsdbEndpoint(host, p);
    }

    private static EsdbConnectionString ApplySetting(EsdbConnectionString settings, string pair)
    {
        var eq = pair.IndexOf('=');
        if (eq <= 0) throw new FormatException($"Connection setting '{pair}' has no value (write key=value).");
        var key = Uri.UnescapeDataString(pair[..eq]).Trim();
        var value = Uri.UnescapeDataString(pair[(eq + 1)..]).Trim();
        return key.ToLowerInvariant() switch
        {
            "tls" => settings with { UseTls = Bool(key, value) },
            "tlsverifycert" => settings with { VerifyCertificate = Bool(key, value) },
            "defaultdeadline" => settings with { DefaultDeadline = Milliseconds(key, value) },
            "connectiontimeout" => settings with { ConnectionTimeout = Milliseconds(key, value) },
            "gossiptimeout" => settings with { GossipTimeout = Milliseconds(key, value) },
            "discoveryinterval" => settings with { DiscoveryInterval = Milliseconds(key, value) },
            "maxdiscoverattempts" => settings with { MaxDiscoverAttempts = PositiveInt(key, value) },
            "connectionname" => settings with { ConnectionName = value },
            // Timeline always writes to and reads from the leader, so it is the only preference honoured.
            "nodepreference" => value.Equals("leader", StringComparison.OrdinalIgnoreCase)
                ? settings
                : throw new FormatException($"nodePreference={value} is not supported: Timeline reads and writes on the leader (nodePreference=leader)."),
            _ => throw new FormatException(
                $"Unknown connection setting '{key}'. Known: tls, tlsVerifyCert, defaultDeadline, connectionTimeout, gossipTimeout, discoveryInterval, maxDiscoverAttempts, nodePreference, connectionName."),
        };
    }

    private static bool Bool(string key, string value) =>
        bool.TryParse(value, out var b) ? b : throw new FormatException($"{key}={value}: expected true or false.");

    private static TimeSpan Milliseconds(string key, string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : throw new FormatException($"{key}={value}: expected a positive number of milliseconds.");

    private static int PositiveInt(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException($"{key}={value}: expected a positive whole number.");
}
