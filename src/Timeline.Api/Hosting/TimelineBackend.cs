using Microsoft.Extensions.DependencyInjection;
using Timeline.Application;
using Timeline.EventStore;

namespace Timeline.Api.Hosting;

/// <summary>The product's back end behind the gRPC service: the event store, the MediatR handlers, the projection runner.</summary>
public static class TimelineBackend
{
    /// <param name="store">Opened by the caller, who also disposes it after the server has stopped (so the last appends land).</param>
    public static IServiceCollection AddTimelineBackend(this IServiceCollection services, IEventStore store, string dataDirectory)
    {
        services.AddSingleton(store);
        services.AddTimelineMediator();
        return services;
    }
}
