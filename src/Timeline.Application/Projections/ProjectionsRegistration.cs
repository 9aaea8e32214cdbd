using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Timeline.EventStore;
using Timeline.Projections;
using Timeline.Projections.ReadModel;
using Timeline.Projections.Runner;

namespace Timeline.Application.Projections;

public static class ProjectionsRegistration
{
    /// <summary>
    /// The read model (<c>DATA/readmodels.db</c>), its queries and the projection runner, shared by the CLI and the
    /// gRPC host. Needs an <see cref="IEventStore"/> in the container. In a host, <see cref="ProjectionHostedService"/>
    /// keeps the read model live; the CLI instead calls <see cref="ProjectionRunner.EnsureUpToDate"/> before a query.
    /// </summary>
    public static IServiceCollection AddTimelineProjections(this IServiceCollection services, string dataDirectory, ProjectionOptions? options = null)
    {
        services.AddSingleton(_ => ReadModelDatabase.InDataDirectory(dataDirectory));
        services.AddSingleton(options ?? new ProjectionOptions());
        services.AddSingleton(_ => Timelines.GazetteerActorNames.Load());
        services.AddSingleton<TimelineQueries>();
        services.AddSingleton(provider => new ProjectionRunner(
            provider.GetRequiredService<IEventStore>(),
            provider.GetRequiredService<ReadModelDatabase>(),
            provider.GetRequiredService<ProjectionOptions>()));
        services.AddHostedService<ProjectionHostedService>();
        return services;
    }
}

/// <summary>Runs the projection runner for the life of a host; restarts it after a failure rather than leaving the read model behind.</summary>
public sealed class ProjectionHostedService(ProjectionRunner runner, ILogger<ProjectionHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.Run(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Projection runner failed; restarting in {Delay}", TimeSpan.FromSeconds(2));
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
