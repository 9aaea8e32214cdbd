using MediatR;
using Timeline.Projections.Runner;

namespace Timeline.Application.Projections;

public sealed class GetProjectionStatusHandler(ProjectionRunner runner)
    : IRequestHandler<GetProjectionStatus, IReadOnlyList<ProjectionStatusView>>
{
    public async Task<IReadOnlyList<ProjectionStatusView>> Handle(GetProjectionStatus request, CancellationToken cancellationToken)
    {
        var status = await runner.Status(cancellationToken).ConfigureAwait(false);
        return status.Select(s => new ProjectionStatusView(s.Projection, s.Version, s.Checkpoint?.ToString(), s.Head?.ToString(), s.Lag, s.State)).ToList();
    }
}
