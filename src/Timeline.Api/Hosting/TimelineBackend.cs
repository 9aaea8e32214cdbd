using Microsoft.Extensions.DependencyInjection;
using Timeline.Application;
using Timeline.Application.Projections;
using Timeline.EventStore;

namespace Timeline.Api.Hosting;

/// <summary>The product's back end behind the gRPC service: the event store, the MediatR handlers, the projection runner.</summary>
public static class TimelineBackend
{
    /// <param name="store">Opened by the caller, who also disposes it after the server has stopped (so the last appends land).</param>
    /// <param name="dataDirectory">Where the read models live (<c>--data</c>).</param>
    public static IServiceCollection AddTimelineBackend(this IServiceCollection services, IEventStore store, string dataDirectory)
    {
        services.AddSingleton(store);
        services.AddTimelineMediator();
        // The runner is a hosted service: it catches up from its checkpoint at start, follows the log live, and
        // stores its checkpoint with the read model when the host stops.
        services.AddTimelineProjections(dataDirectory);
        return services;
    }
}
