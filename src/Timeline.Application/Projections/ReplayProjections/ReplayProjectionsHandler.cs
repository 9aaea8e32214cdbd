using MediatR;
using Timeline.Projections;
using Timeline.Projections.Runner;

namespace Timeline.Application.Projections;

/// <summary>
/// Rebuilds the read model beside the live one and swaps it in once caught up. The three projections share one
/// generation (see <see cref="ProjectionCatalog"/>), so naming one rebuilds the generation that holds it.
/// </summary>
public sealed class ReplayProjectionsHandler(ProjectionRunner runner) : IRequestHandler<ReplayProjections, ReplayResult>
{
    public async Task<ReplayResult> Handle(ReplayProjections request, CancellationToken cancellationToken)
    {
        string[] names;
        if (string.IsNullOrWhiteSpace(request.Projection) || request.Projection.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            names = [.. ProjectionCatalog.Names];
        }
        else
        {
            var name = ProjectionCatalog.Normalize(request.Projection)
                ?? throw new InvalidRequestException(
                    $"'{request.Projection}' is not a projection; use one of {string.Join(", ", ProjectionCatalog.Names)} (or none for all).");
            names = [name];
        }

        var progress = request.Progress is { } target
            ? new Progress(target, string.Join(",", names))
            : null;
        var outcome = await runner.Replay(progress, cancellationToken).ConfigureAwait(false);
        return new ReplayResult(ProjectionCatalog.Names, outcome.EventsProcessed, outcome.Elapsed, outcome.Position?.ToString() ?? "");
    }

    /// <summary>Forwards the runner's progress in the public shape, synchronously (the caller's IProgress decides threading).</summary>
    private sealed class Progress(IProgress<ReplayProgress> target, string projection) : IProgress<ProjectionProgress>
    {
        public void Report(ProjectionProgress value) =>
            target.Report(new ReplayProgress(projection, value.Position?.ToString() ?? "", value.Head?.ToString() ?? "",
                value.EventsProcessed, value.EventsTotal, value.EventsPerSecond, value.Eta, value.State));
    }
}
