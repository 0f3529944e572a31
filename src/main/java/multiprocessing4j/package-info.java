/**
 * Python's {@code multiprocessing} for Java: processes, start methods and contexts (this
 * package), connections ({@code .connection}) and the pickle layer ({@code .reduction}).
 *
 * <p>{@link multiprocessing4j.Multiprocessing} holds the module-level functions
 * ({@code currentProcess()}, {@code getContext(..)}, {@code setStartMethod(..)}…);
 * {@link multiprocessing4j.Process} is a child process running a
 * {@link multiprocessing4j.SerializableRunnable} or an overridden {@code run()};
 * {@link multiprocessing4j.Context} binds the factories to one start method. Names follow
 * Python's ({@code is_alive} is {@code isAlive}, {@code p.exitcode} is {@code p.exitcode()}).
 *
 * <p>Every child is a JVM (a JVM cannot {@code fork(2)}): {@code spawn} boots one per child,
 * {@code forkserver} hands out pre-booted warm ones, {@code fork} (the default) does the same and
 * carries the parent's runtime state. The process object and what its target captures travel
 * serialized (on a spawned child's stdin, or over a warm JVM's channel to its parent, a loopback
 * TCP connection authenticated by a key the child read from stdin): a lambda that captures only
 * values in a compact form, anything else with Java serialization; live objects re-attach by name
 * through {@link multiprocessing4j.Reattach}.
 * Internally, one class per idea, after CPython's modules: {@code StartMethod} (the three
 * methods), {@code ChildJvm} and {@code JvmCommand} (launching), {@code ClassDataSharing} (the
 * class-data archive children boot from), {@code ChildListener} and {@code ParentChannel} (the
 * channel, parent and child side), {@code ForkServer} (the warm pool), {@code TargetClasses}
 * (the application classes targets needed) and {@code Preload} (how an idle warm JVM loads them
 * ahead), {@code WarmUp} (what a warm JVM does while idle),
 * {@code TargetPickler}, {@code LambdaTarget} and {@code MethodTarget} (how a process travels),
 * {@code StartTrace} (timestamps along a start),
 * {@code PreparationData} (what a child is given), {@code Popen} (a started child),
 * {@code ExitCodes}, {@code Children} (active children and exit clean-up), {@code Spawn} and
 * {@code Bootstrap} (the child side).
 */
package multiprocessing4j;
