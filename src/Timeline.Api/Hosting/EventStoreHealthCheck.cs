using Microsoft.Extensions.Diagnostics.HealthChecks;
using Timeline.EventStore;

namespace Timeline.Api.Hosting;

/// <summary>Serving means the event store answers: a health probe that only says "the process runs" would lie.</summary>
public sealed class EventStoreHealthCheck(IEventStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var head = await store.GetHeadPosition(cancellationToken);
            return HealthCheckResult.Healthy($"{store.Description} at {head?.ToString() ?? "empty"}");
        }
        catch (EventStoreUnavailableException e)
        {
            return HealthCheckResult.Unhealthy($"{store.Description}: {e.Message}", e);
        }
    }
}
