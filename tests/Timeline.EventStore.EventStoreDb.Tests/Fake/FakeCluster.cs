using Timeline.EventStore.EventStoreDb.Protocol;
using Timeline.EventStore.EventStoreDb.Protocol.Gossip;

namespace Timeline.EventStore.EventStoreDb.Tests.Fake;

/// <summary>Several fake nodes over one log, one of them the leader; every node gossips the same membership.</summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    private readonly Dictionary<FakeNode, Guid> _ids = new();

    private FakeCluster(IReadOnlyList<FakeNode> nodes) => Nodes = nodes;

    public IReadOnlyList<FakeNode> Nodes { get; }
    public FakeLog Log => Nodes[0].Log;
    public FakeNode Leader => Nodes.Single(n => n.IsLeader);

    public static async Task<FakeCluster> Start(int size, int leader)
    {
        var log = new FakeLog();
        var nodes = new List<FakeNode>();
        for (var i = 0; i < size; i++) nodes.Add(await FakeNode.Start(log));
        var cluster = new FakeCluster(nodes);
        foreach (var node in nodes)
        {
            cluster._ids[node] = Guid.NewGuid();
            node.Gossip = cluster.Membership;
        }
        cluster.Elect(nodes[leader]);
        return cluster;
    }

    public void Elect(FakeNode leader)
    {
        foreach (var node in Nodes)
        {
            node.IsLeader = node == leader;
            node.Leader = leader;
        }
    }

    private ClusterInfo Membership()
    {
        var info = new ClusterInfo();
        foreach (var node in Nodes)
            info.Members.Add(new MemberInfo
            {
                InstanceId = FakeUuid.Structured(_ids[node].ToString()),
                TimeStamp = DateTime.UtcNow.Ticks,
                State = node.IsLeader ? MemberInfo.Types.VNodeState.Leader : MemberInfo.Types.VNodeState.Follower,
                IsAlive = node.Running,
                HttpEndPoint = new EndPoint { Address = node.Host, Port = (uint)node.Port },
            });
        return info;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
    }
}
