\\ PARI/GP lindep on the planted relations apery-benchmarks wrote (run with: APERY_BENCH_OUT=OUT gp -q lindep.gp).
\\ Prints the mean time of 100 calls per case, and whether the planted relation came back.
check(size, digits) = {
  my(v, planted, r, t, reps = 100);
  default(realprecision, digits);
  v = readvec(Str(getenv("APERY_BENCH_OUT"), "/relation_", size, ".txt"));
  v = apply(x -> x * 1., v);
  planted = concat(readvec(Str(getenv("APERY_BENCH_OUT"), "/relation_", size, "_planted.txt")), [-1]);
  gettime();
  for (i = 1, reps, r = lindep(v));
  t = gettime() / 1000. / reps;
  printf("{\"pari_lindep_%d\": %.6f, \"pari_lindep_%d_found\": %s}\n", size, t, size,
         if (Vec(r) == planted || Vec(r) == -planted, "true", "false"));
}
check(6, 50);
check(20, 140);
quit;
