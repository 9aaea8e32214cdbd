using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Timeline.EventStore.EventStoreDb.Protocol.Gossip;
using Timeline.EventStore.EventStoreDb.Protocol.Streams;

namespace Timeline.EventStore.EventStoreDb.Tests.Fake;

/// <summary>
/// One fake EventStoreDB node: real Kestrel on 127.0.0.1 with a free port, HTTP/2 cleartext, serving the Streams and
/// Gossip services over a <see cref="FakeLog"/>. What it saw is recorded for the tests to look at.
/// </summary>
internal sealed class FakeNode : IAsyncDisposable
{
    private WebApplication? _app;

    private FakeNode(FakeLog log) => Log = log;

    public FakeLog Log { get; }
    public int Port { get; private set; }
    public string Host => "127.0.0.1";
    public string ConnectionString => $"esdb://{Host}:{Port}?tls=false";
    public bool Running => _app is not null;

    /// <summary>A follower answers calls that require the leader with "not leader" and the leader's address.</summary>
    public bool IsLeader { get; set; } = true;
    public FakeNode? Leader { get; set; }
    /// <summary>What Gossip.Read answers; a lone node describes only itself.</summary>
    public Func<ClusterInfo>? Gossip { get; set; }

    /// <summary>Servers 23.10+ send caught_up when a subscription turns live; 22.10 servers never do.</summary>
    public bool SendsCaughtUp { get; set; }
    /// <summary>Cut the connection of the next subscription after it has delivered this many events (once).</summary>
    public int? DropNextSubscriptionAfter { get; set; }
    /// <summary>Hold every append this long before answering (for deadlines).</summary>
    public TimeSpan AppendDelay { get; set; }

    public ConcurrentQueue<AppendReq.Types.Options> Appends { get; } = new();
    public ConcurrentQueue<AppendReq.Types.ProposedMessage> Proposed { get; } = new();
    public ConcurrentQueue<ReadReq> Reads { get; } = new();
    public ConcurrentQueue<string> Authorizations { get; } = new();
    public int SubscriptionsOpened;
    public int Redirected;

    public static async Task<FakeNode> Start(FakeLog? log = null)
    {
        var node = new FakeNode(log ?? new FakeLog());
        await node.Run();
        return node;
    }

    private async Task Run()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
            k.Listen(IPAddress.Loopback, Port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(this);
        var app = builder.Build();
        app.MapGrpcService<FakeStreamsService>();
        app.MapGrpcService<FakeGossipService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Port = new Uri(address).Port;
        _app = app;
    }

    /// <summary>The node process dies: its port stops answering.</summary>
    public async Task Kill()
    {
        if (_app is null) return;
        var app = _app;
        _app = null;
        using (var stopping = new CancellationTokenSource(TimeSpan.FromMilliseconds(200))) await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await Kill();
}
