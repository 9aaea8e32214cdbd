using System.Reflection;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Timeline.Application;

public static class MediatorRegistration
{
    /// <summary>
    /// Registers MediatR 5 (the version served here) with every request handler found in <paramref name="assemblies"/>
    /// (this assembly always). MediatR 5 resolves handlers through a <see cref="ServiceFactory"/> delegate.
    /// </summary>
    public static IServiceCollection AddTimelineMediator(this IServiceCollection services, params Assembly[] assemblies)
    {
        services.AddSingleton<ServiceFactory>(provider => provider.GetService!);
        services.AddSingleton<IMediator, Mediator>();
        foreach (var assembly in assemblies.Append(typeof(MediatorRegistration).Assembly).Distinct())
        {
            foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
            {
                foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)))
                    services.AddTransient(contract, type);
            }
        }
        return services;
    }
}
