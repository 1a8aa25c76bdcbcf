namespace WidthRetrain.Integration.Tests;

/// <summary>Tests that observe the whole process (its network events) run after the others, one at a time.</summary>
[CollectionDefinition(NoCallsHomeTests.Alone, DisableParallelization = true)]
public sealed class ProcessWideCollection;
