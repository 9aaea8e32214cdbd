using System.Threading.Channels;
using Grpc.Core;
using MediatR;
using Microsoft.Extensions.Logging;
using Timeline.Api.Security;
using Timeline.Api.V1;
using Timeline.Application.Projections;
using Timeline.EventStore;

namespace Timeline.Api.Projections;

/// <summary>Operators: replay (admin) and status (open).</summary>
public sealed class ProjectionsService(IMediator mediator, IEventStore store, AdminGuard admin, ILogger<ProjectionsService> logger)
    : V1.Projections.ProjectionsBase
{
    public override async Task Replay(ReplayRequest request, IServerStreamWriter<V1.ReplayProgress> responseStream, ServerCallContext context)
    {
        admin.Demand(context, "Replay");
        var projection = string.IsNullOrWhiteSpace(request.Projection) ? null : request.Projection.Trim();
        logger.LogInformation("Replay of {Projection} requested by {Peer}", projection ?? "all projections", context.Peer);

        // The handler reports from its own thread; progress is a sample, so when the client lags the oldest report is dropped.
        var reports = Channel.CreateBounded<V1.ReplayProgress>(
            new BoundedChannelOptions(16) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
        var replay = RunReplay(projection, reports.Writer, context.CancellationToken);

        // The one writer loop: only this task writes to the response stream.
        await foreach (var report in reports.Reader.ReadAllAsync(context.CancellationToken))
            await responseStream.WriteAsync(report, context.CancellationToken);

        var result = await replay;
        await responseStream.WriteAsync(new V1.ReplayProgress
        {
            Projection = string.Join(",", result.Projections),
            Position = result.Position,
            Head = result.Position,
            EventsProcessed = result.EventsProcessed,
            EventsTotal = result.EventsProcessed,
            EventsPerSecond = result.Elapsed.TotalSeconds > 0 ? result.EventsProcessed / result.Elapsed.TotalSeconds : 0,
            State = "done",
        }, context.CancellationToken);
        logger.LogInformation("Replay of {Projections} done: {Events} events in {Elapsed}", result.Projections, result.EventsProcessed, result.Elapsed);
    }

    private async Task<ReplayResult> RunReplay(string? projection, ChannelWriter<V1.ReplayProgress> reports, CancellationToken cancellationToken)
    {
        try
        {
            return await mediator.Send(new ReplayProjections(projection, new ChannelProgress(reports)), cancellationToken);
        }
        finally
        {
            // Ends the writer loop; the replay's own outcome (or exception) is then awaited by the caller.
            reports.TryComplete();
        }
    }

    public override async Task<GetStatusResponse> GetStatus(GetStatusRequest request, ServerCallContext context)
    {
        var statuses = await mediator.Send(new GetProjectionStatus(), context.CancellationToken);
        var head = await store.GetHeadPosition(context.CancellationToken);
        var response = new GetStatusResponse { Head = head?.ToString() ?? "" };
        response.Projections.AddRange(statuses.Select(s => new ProjectionStatus
        {
            Projection = s.Projection,
            Version = s.Version,
            Checkpoint = s.Checkpoint ?? "",
            Head = s.Head ?? "",
            Lag = s.Lag,
            State = s.State,
        }));
        return response;
    }

    private sealed class ChannelProgress(ChannelWriter<V1.ReplayProgress> writer) : IProgress<Application.Projections.ReplayProgress>
    {
        public void Report(Application.Projections.ReplayProgress value) => writer.TryWrite(new V1.ReplayProgress
        {
            Projection = value.Projection,
            Position = value.Position,
            Head = value.Head,
            EventsProcessed = value.EventsProcessed,
            EventsTotal = value.EventsTotal,
            EventsPerSecond = value.EventsPerSecond,
            EtaSeconds = value.Eta?.TotalSeconds ?? 0,
            State = value.State,
        });
    }
}
