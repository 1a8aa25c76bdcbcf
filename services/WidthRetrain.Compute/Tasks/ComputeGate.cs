using System.Collections.Concurrent;
using WidthRetrain.Learning;
using WidthRetrain.Learning.Models;

namespace WidthRetrain.Compute.Tasks;

/// <summary>
/// Every tensor job of the process runs on one dedicated thread, one at a time. libtorch already spreads one job
/// over every core; two concurrent jobs oversubscribe them. And OpenMP keeps a team of spinning worker threads per
/// calling thread, so jobs hopping across pool threads leave several teams spinning against each other (measured:
/// a campaign's rounds ran at a third of the single-thread speed, with a third of the CPU time in the kernel).
/// One thread also suits TorchSharp, whose dispose scopes are thread-static.
/// </summary>
public sealed class ComputeGate : IDisposable
{
    private readonly BlockingCollection<Action> work = new();
    private readonly Thread thread;
    private readonly ComputeOptions options;
    private volatile bool stopping;

    public ComputeGate(ComputeOptions options)
    {
        this.options = options;
        thread = new Thread(() =>
        {
            // OpenMP's thread count belongs to the calling thread: set it on the one that computes.
            TorchRuntime.Configure(options.Threads);
            foreach (Action job in work.GetConsumingEnumerable()) job();
        })
        { IsBackground = true, Name = "widthretrain-compute" };
        thread.Start();
    }

    /// <summary>
    /// On the compute thread, inside a job: sets the threads a model of <paramref name="spec"/> computes with
    /// (Compute:Threads, or by model size: <see cref="TorchRuntime.ThreadsFor"/>).
    /// </summary>
    public void UseThreadsFor(MlpSpec spec)
    {
        if (Thread.CurrentThread != thread) throw new InvalidOperationException("UseThreadsFor: call it inside a job, on the compute thread");
        TorchRuntime.Configure(TorchRuntime.ThreadsFor(spec, options.Threads));
    }

    /// <summary>Queues <paramref name="job"/> for the compute thread and completes with its result or exception.</summary>
    public Task<T> RunAsync<T>(Func<T> job, CancellationToken cancel)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Add(() =>
        {
            // At shutdown, jobs still queued are cancelled, not run: their messages go back to the broker for redelivery.
            if (cancel.IsCancellationRequested || stopping)
            {
                done.TrySetCanceled(cancel.IsCancellationRequested ? cancel : new CancellationToken(true));
                return;
            }
            try
            {
                done.TrySetResult(job());
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        }, cancel);
        return done.Task;
    }

    public void Dispose()
    {
        stopping = true;
        work.CompleteAdding();
        thread.Join(TimeSpan.FromSeconds(30));
        work.Dispose();
    }
}
