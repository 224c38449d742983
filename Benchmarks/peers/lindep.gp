\\ PARI/GP lindep on the planted relations apery-benchmarks wrote (run with: APERY_BENCH_OUT=OUT gp -q lindep.gp).
\\ Prints the best of 5 batches' mean time per call (a batch: at least 100 calls, about 100 ms; gettime counts whole
\\ milliseconds, and 100 calls of the 6-number case took 6 or 7 of them), as Apery's side takes its best of several
\\ runs, and whether the planted relation came back.
check(size, digits) = {
  my(v, planted, r, t = oo, reps);
  default(realprecision, digits);
  v = readvec(Str(getenv("APERY_BENCH_OUT"), "/relation_", size, ".txt"));
  v = apply(x -> x * 1., v);
  planted = concat(readvec(Str(getenv("APERY_BENCH_OUT"), "/relation_", size, "_planted.txt")), [-1]);
  gettime();
  for (i = 1, 100, r = lindep(v));
  reps = max(100, ceil(100 * 100 / max(gettime(), 1)));
  for (batch = 1, 5,
    gettime();
    for (i = 1, reps, r = lindep(v));
    t = min(t, gettime() / 1000. / reps));
  printf("{\"pari_lindep_%d\": %.8f, \"pari_lindep_%d_found\": %s}\n", size, t, size,
         if (Vec(r) == planted || Vec(r) == -planted, "true", "false"));
}
check(6, 50);
check(20, 140);
quit;
