using Xunit.Abstractions;
using Xunit.Sdk;

namespace Timeline.EventStore.Contract;

/// <summary>
/// Put on a subclass of <see cref="EventStoreContract"/> whose store needs something from outside (a server):
/// when the environment variable is not set, every contract test of that class is reported as skipped with
/// <paramref name="reason"/>, instead of failing. <c>[RequiresEnvironment("TIMELINE_ESDB", "no EventStoreDB: set TIMELINE_ESDB=esdb://…")]</c>
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresEnvironmentAttribute(string variable, string reason) : Attribute
{
    public string Variable { get; } = variable;
    public string Reason { get; } = reason;
}

/// <summary>A contract test: a fact, skipped when the concrete class's <see cref="RequiresEnvironmentAttribute"/> is not met.</summary>
[XunitTestCaseDiscoverer("Timeline.EventStore.Contract.ContractFactDiscoverer", "Timeline.EventStore.Contract")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute : FactAttribute;

public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var requirement = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentAttribute)).FirstOrDefault();
        var variable = requirement?.GetConstructorArguments().First() as string;
        var unmet = variable is not null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable));
        yield return unmet
            ? new SkippedContractTestCase(diagnosticMessageSink, display, displayOptions, testMethod, (string)requirement!.GetConstructorArguments().Last())
            : new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod);
    }
}

/// <summary>A contract test case reported as skipped, with the reason the test class gave.</summary>
public sealed class SkippedContractTestCase : XunitTestCase
{
    private string _reason = "";

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedContractTestCase() { }

    public SkippedContractTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod method, string reason)
        : base(sink, display, displayOptions, method) => _reason = reason;

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("SkipReasonText", _reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _reason = data.GetValue<string>("SkipReasonText");
        base.Deserialize(data);
    }
}
