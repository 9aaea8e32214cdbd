using Google.Protobuf.Reflection;
using Grpc.Core;
using Timeline.Api.V1;

namespace Timeline.Api.Timelines;

/// <summary>
/// Binds <see cref="TimelinesService"/> as the generated <c>Timelines.BindService</c> does, with the same method names
/// and descriptor (reflection and JSON transcoding read them from here), but with response marshallers that send a
/// cached answer's bytes instead of encoding it again (<see cref="EncodedAnswers"/>).
/// </summary>
public static class TimelinesBinding
{
    private const string ServiceName = "timeline.v1.Timelines";

    public static ServiceDescriptor Descriptor => V1.Timelines.Descriptor;

    private static readonly Method<GetActorTimelineRequest, GetActorTimelineResponse> GetActorTimeline =
        Unary(nameof(GetActorTimeline), GetActorTimelineRequest.Parser, GetActorTimelineResponse.Parser);
    private static readonly Method<GetCountryTimelineRequest, GetCountryTimelineResponse> GetCountryTimeline =
        Unary(nameof(GetCountryTimeline), GetCountryTimelineRequest.Parser, GetCountryTimelineResponse.Parser);
    private static readonly Method<FindActorsRequest, FindActorsResponse> FindActors =
        Unary(nameof(FindActors), FindActorsRequest.Parser, FindActorsResponse.Parser);
    private static readonly Method<PingRequest, PingResponse> Ping =
        Unary(nameof(Ping), PingRequest.Parser, PingResponse.Parser);

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string name, Google.Protobuf.MessageParser<TRequest> request,
        Google.Protobuf.MessageParser<TResponse> response)
        where TRequest : class, Google.Protobuf.IMessage<TRequest> where TResponse : class, Google.Protobuf.IMessage<TResponse> =>
        new(MethodType.Unary, ServiceName, name, EncodedAnswers.Marshaller(request), EncodedAnswers.Marshaller(response));

    /// <summary>
    /// Called by the gRPC host with a null service: it finds each handler on the service type by the method's name.
    /// </summary>
    public static void BindService(ServiceBinderBase binder, TimelinesServiceBase? service)
    {
        binder.AddMethod(GetActorTimeline, service is null ? null : service.GetActorTimeline);
        binder.AddMethod(GetCountryTimeline, service is null ? null : service.GetCountryTimeline);
        binder.AddMethod(FindActors, service is null ? null : service.FindActors);
        binder.AddMethod(Ping, service is null ? null : service.Ping);
    }
}

/// <summary>
/// The service's methods as the generated <c>TimelinesBase</c> declares them. The gRPC host binds a service through
/// the attribute on the type that declares its methods, so the binding above needs a base class of its own.
/// </summary>
[BindServiceMethod(typeof(TimelinesBinding), nameof(TimelinesBinding.BindService))]
public abstract class TimelinesServiceBase
{
    public abstract Task<GetActorTimelineResponse> GetActorTimeline(GetActorTimelineRequest request, ServerCallContext context);
    public abstract Task<GetCountryTimelineResponse> GetCountryTimeline(GetCountryTimelineRequest request, ServerCallContext context);
    public abstract Task<FindActorsResponse> FindActors(FindActorsRequest request, ServerCallContext context);
    public abstract Task<PingResponse> Ping(PingRequest request, ServerCallContext context);
}
