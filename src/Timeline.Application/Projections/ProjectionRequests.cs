using MediatR;

namespace Timeline.Application.Projections;

public sealed record ReplayProgress(string Projection, string Position, string Head, long EventsProcessed, long EventsTotal, double EventsPerSecond, TimeSpan? Eta, string State);

/// <summary>Rebuild one projection (or all when null) beside the live read model and swap when caught up.</summary>
public sealed record ReplayProjections(string? Projection, IProgress<ReplayProgress>? Progress = null) : IRequest<ReplayResult>;

public sealed record ReplayResult(IReadOnlyList<string> Projections, long EventsProcessed, TimeSpan Elapsed, string Position);

/// <summary>Per projection: its checkpoint, the log head, the lag, and its state (live, replaying, stopped).</summary>
public sealed record GetProjectionStatus : IRequest<IReadOnlyList<ProjectionStatusView>>;

public sealed record ProjectionStatusView(string Projection, int Version, string? Checkpoint, string? Head, long Lag, string State);
