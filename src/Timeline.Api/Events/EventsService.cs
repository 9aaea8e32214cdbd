using Grpc.Core;
using MediatR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Timeline.Api.Events.Subscriptions;
using Timeline.Api.Security;
using Timeline.Api.V1;
using Timeline.Application;
using Timeline.Application.Ingestion.IngestArticle;
using Timeline.Application.Timelines;
using Timeline.Domain.Events;
using Timeline.EventStore;

namespace Timeline.Api.Events;

/// <summary>Live subscriptions to the log (open) and article ingestion (admin).</summary>
public sealed class EventsService(
    IMediator mediator,
    IEventStore store,
    AdminGuard admin,
    SubscriptionOptions subscriptionOptions,
    SubscriptionMonitor monitor,
    LiveFeed feed,
    IHostApplicationLifetime lifetime,
    ILogger<EventsService> logger) : V1.Events.EventsBase
{
    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<SubscribeResponse> responseStream, ServerCallContext context)
    {
        var spec = SubscriptionFilterSpec.Parse(request, await DirectoryIds(request.Actor, context.CancellationToken));
        logger.LogInformation("Subscriber {Peer} from {From} types={Types} actor={Actor} country={Country}",
            context.Peer, spec.Start, request.Types_, request.Actor, request.Country);
        var subscription = new EventSubscription(store, feed, spec, subscriptionOptions, monitor, logger);
        await subscription.Run(responseStream, context.CancellationToken, lifetime.ApplicationStopping,
            () => context.GetHttpContext().Abort());
    }

    /// <summary>Ids of directory actors whose id, name or alias is exactly <paramref name="actor"/> ("IRPT" → "irpt").</summary>
    private async Task<IEnumerable<string>> DirectoryIds(string actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(actor)) return [];
        var text = actor.Trim();
        var candidates = await mediator.Send(new FindActors(text, 20), cancellationToken);
        return candidates
            .Where(a => a.Id.Equals(text, StringComparison.OrdinalIgnoreCase)
                || a.Name.Equals(text, StringComparison.OrdinalIgnoreCase)
                || a.Aliases.Any(alias => alias.Equals(text, StringComparison.OrdinalIgnoreCase)))
            .Select(a => a.Id);
    }

    public override async Task<IngestArticleResponse> IngestArticle(IngestArticleRequest request, ServerCallContext context)
    {
        admin.Demand(context, "IngestArticle");
        if (string.IsNullOrWhiteSpace(request.Body))
            throw new InvalidRequestException("The article body is empty: send the article text in 'body'.");
        if (!string.IsNullOrWhiteSpace(request.Id) && !ArticleId.TryParse(request.Id.Trim(), out _, out var idError))
            throw new InvalidRequestException(idError);

        var result = await mediator.Send(new IngestArticle(new ArticleInput
        {
            Id = Optional(request.Id),
            Title = Optional(request.Title),
            Outlet = Optional(request.Outlet),
            Url = Optional(request.Url),
            Published = Optional(request.Published),
            Body = request.Body,
            Origin = "grpc",
        }), context.CancellationToken);

        if (result.Outcome == IngestOutcome.Failed)
            throw new InvalidRequestException($"The article was not ingested: {result.Reason ?? "no reason given"}. Nothing was stored.");

        logger.LogInformation("Ingested article {ArticleId} ({Outcome}, {EventCount} events) at {Position}",
            result.ArticleId, result.Outcome, result.EventCount, result.Position);
        var response = new IngestArticleResponse
        {
            Outcome = result.Outcome == IngestOutcome.Ingested ? "ingested" : "duplicate",
            ArticleId = result.ArticleId ?? "",
            Position = result.Position ?? "",
        };
        response.EventsByType.Add(result.EventsByType.ToDictionary(kv => kv.Key, kv => kv.Value));
        return response;
    }

    private static string? Optional(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
