namespace Timeline.Application;

/// <summary>A request that cannot be answered as asked (bad date range, unknown event type, empty actor). Maps to InvalidArgument / exit code 2.</summary>
public sealed class InvalidRequestException(string message) : Exception(message);

/// <summary>An actor or country that the read model does not know; carries close matches for the message. Maps to NotFound / exit code 1.</summary>
public sealed class NotFoundException(string what, string query, IReadOnlyList<string> suggestions)
    : Exception(suggestions.Count == 0
        ? $"No {what} matches '{query}'."
        : $"No {what} matches '{query}'. Did you mean: {string.Join(", ", suggestions)}?")
{
    public string Query { get; } = query;
    public IReadOnlyList<string> Suggestions { get; } = suggestions;
}
