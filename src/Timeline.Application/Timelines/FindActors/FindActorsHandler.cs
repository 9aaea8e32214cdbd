using MediatR;
using Timeline.Projections.ReadModel;

namespace Timeline.Application.Timelines;

public sealed class FindActorsHandler(TimelineQueries queries) : IRequestHandler<FindActors, IReadOnlyList<ActorDirectoryEntryView>>
{
    public const int MaxLimit = 10_000;

    public Task<IReadOnlyList<ActorDirectoryEntryView>> Handle(FindActors request, CancellationToken cancellationToken)
    {
        if (request.Limit is < 1 or > MaxLimit)
            throw new InvalidRequestException($"Limit must be between 1 and {MaxLimit}, not {request.Limit}.");
        IReadOnlyList<ActorDirectoryEntryView> found = queries.FindActors(request.Search, request.Limit).Select(a => a.ToDirectoryView()).ToList();
        return Task.FromResult(found);
    }
}
