using Grpc.Core;
using MediatR;
using Timeline.Api.V1;

namespace Timeline.Api.Timelines;

/// <summary>Read calls, open to everyone: map → Send → map back.</summary>
public sealed class TimelinesService(IMediator mediator) : TimelinesServiceBase
{
    private static readonly Task<PingResponse> Pong = Task.FromResult(new PingResponse());

    public override async Task<GetActorTimelineResponse> GetActorTimeline(GetActorTimelineRequest request, ServerCallContext context) =>
        (await mediator.Send(request.ToQuery(), context.CancellationToken)).ToResponse();

    public override async Task<GetCountryTimelineResponse> GetCountryTimeline(GetCountryTimelineRequest request, ServerCallContext context) =>
        (await mediator.Send(request.ToQuery(), context.CancellationToken)).ToResponse();

    public override async Task<FindActorsResponse> FindActors(FindActorsRequest request, ServerCallContext context) =>
        (await mediator.Send(request.ToQuery(), context.CancellationToken)).ToResponse();

    public override Task<PingResponse> Ping(PingRequest request, ServerCallContext context) => Pong;
}
