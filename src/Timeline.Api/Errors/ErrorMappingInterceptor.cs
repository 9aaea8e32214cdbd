using Grpc.Core;
using Grpc.Core.Interceptors;
using Timeline.Application;
using Timeline.EventStore;

namespace Timeline.Api.Errors;

/// <summary>
/// Turns the application's exceptions into gRPC statuses with a human message, in one place, so services stay
/// map → Send → map back. Applies to JSON transcoding too (NotFound becomes HTTP 404 there).
/// </summary>
public sealed class ErrorMappingInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (ToRpc(e) is { } rpc)
        {
            throw rpc;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (ToRpc(e) is { } rpc)
        {
            throw rpc;
        }
    }

    /// <summary>The status for an exception the application throws on purpose; null leaves it to gRPC (Unknown, logged).</summary>
    public static RpcException? ToRpc(Exception e) => e switch
    {
        InvalidRequestException => new RpcException(new Status(StatusCode.InvalidArgument, e.Message)),
        NotFoundException nf => new RpcException(new Status(StatusCode.NotFound, nf.Message), Suggestions(nf)),
        InvalidEventException => new RpcException(new Status(StatusCode.InvalidArgument, e.Message)),
        WrongExpectedRevisionException => new RpcException(new Status(StatusCode.Aborted, e.Message)),
        EventStoreUnavailableException => new RpcException(new Status(StatusCode.Unavailable, e.Message)),
        _ => null,
    };

    private static Metadata Suggestions(NotFoundException e)
    {
        // Close matches also as trailers, so a program can offer them without parsing the message.
        var trailers = new Metadata();
        foreach (var suggestion in e.Suggestions)
            trailers.Add("suggestion", suggestion);
        return trailers;
    }
}
