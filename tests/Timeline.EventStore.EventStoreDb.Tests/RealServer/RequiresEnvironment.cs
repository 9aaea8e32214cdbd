using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework(
    "Timeline.EventStore.EventStoreDb.Tests.RealServer.EnvironmentAwareTestFramework",
    "Timeline.EventStore.EventStoreDb.Tests")]

namespace Timeline.EventStore.EventStoreDb.Tests.RealServer;

/// <summary>
/// Marks a test class that needs an outside resource named by an environment variable. Without the variable every
/// test of the class, inherited ones included, is reported as skipped with <see cref="Reason"/>, so a run without
/// an EventStoreDB says so instead of passing silently or failing.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresEnvironmentAttribute(string variable, string reason) : Attribute
{
    public string Variable { get; } = variable;
    public string Reason { get; } = reason;

    public static string? Value(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
}

/// <summary>
/// xunit 2 decides skipping at discovery, per attribute; this framework adds the one rule above. (Abstract contract
/// suites declare their tests in a base class with plain [Fact], so a Fact subclass cannot be used there.)
/// </summary>
public sealed class EnvironmentAwareTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus,
            ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var requirement = testMethod.TestClass.Class
                .GetCustomAttributes(typeof(RequiresEnvironmentAttribute).AssemblyQualifiedName)
                .FirstOrDefault();
            if (requirement is null) return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);

            var variable = requirement.GetNamedArgument<string>(nameof(RequiresEnvironmentAttribute.Variable));
            if (RequiresEnvironmentAttribute.Value(variable) is not null)
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);

            var isTest = testMethod.Method.GetCustomAttributes(typeof(FactAttribute).AssemblyQualifiedName).Any();
            if (!isTest) return true;
            var reason = requirement.GetNamedArgument<string>(nameof(RequiresEnvironmentAttribute.Reason));
            var skipped = new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
            return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
        }
    }
}
