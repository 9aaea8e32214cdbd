using System.Net;

namespace Timeline.Api.Hosting;

/// <summary>An http://HOST:PORT address to listen on. Port 0 picks a free port (tests).</summary>
public sealed record ListenAddress(IPAddress Address, int Port)
{
    public static ListenAddress Parse(string url, string option)
    {
        var text = url.Trim();
        if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"{option} {url}: this server speaks plaintext only (h2c); put a TLS proxy in front, or use http://.");
        if (!text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"{option} {url}: expected http://HOST:PORT, e.g. http://127.0.0.1:5080.");

        var hostAndPort = text["http://".Length..].TrimEnd('/');
        var colon = hostAndPort.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(hostAndPort[(colon + 1)..], out var port) || port is < 0 or > 65535)
            throw new FormatException($"{option} {url}: give a port, e.g. http://127.0.0.1:5080.");

        var host = hostAndPort[..colon].Trim('[', ']');
        IPAddress address;
        if (host is "localhost") address = IPAddress.Loopback;
        else if (host is "*" or "+" or "0.0.0.0") address = IPAddress.Any;
        else if (!IPAddress.TryParse(host, out address!))
            throw new FormatException($"{option} {url}: '{host}' is not an IP address (use 127.0.0.1, 0.0.0.0 or localhost).");
        return new ListenAddress(address, port);
    }

    public IPEndPoint EndPoint => new(Address, Port);
}
