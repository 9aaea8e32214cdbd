using MediatR;
using Timeline.Projections.ReadModel;

namespace Timeline.Application.Timelines;

public sealed class GetActorTimelineHandler(TimelineQueries queries) : IRequestHandler<GetActorTimeline, ActorTimelineView>
{
    public Task<ActorTimelineView> Handle(GetActorTimeline request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Actor))
            throw new InvalidRequestException("Name an actor: an id (irpt), a name (Muhiddin Kabiri), an alias or an acronym.");
        var query = TimelineRequestParsing.ToQuery(request.Filter);
        var lookup = queries.ResolveActor(request.Actor);
        if (lookup.Actor is not { } actor) throw new NotFoundException("actor", request.Actor.Trim(), lookup.Suggestions);
        try
        {
            var page = queries.ActorTimeline(actor.Id, query);
            return Task.FromResult(new ActorTimelineView(actor.ToView(), page.EntryViews(), page.NextPageToken, page.Total));
        }
        catch (InvalidPageTokenException ex)
        {
            throw new InvalidRequestException(ex.Message);
        }
    }
}
