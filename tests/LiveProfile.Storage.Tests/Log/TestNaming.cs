using System.Diagnostics.CodeAnalysis;

// Tests are named Method_Scenario_Expectation (DESIGN.md, "Code layout and style").
[assembly: SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores",
    Scope = "namespaceanddescendants", Target = "~N:LiveProfile.Storage.Tests.Log",
    Justification = "Test names are Method_Scenario_Expectation.")]
