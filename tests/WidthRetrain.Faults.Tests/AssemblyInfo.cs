// One fault at a time: the tests stop the shared database and restart the shared broker.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
