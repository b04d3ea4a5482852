-- Loaded by bench/login with `wrk -s`: turns wrk's one pre-built request into POST /api/auth/login with the
-- credentials in BENCH_LOGIN_BODY, then prints the same BENCH-RESULT line as wrk-report.lua.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_LOGIN_BODY")
wrk.headers["Content-Type"] = "application/json"
dofile(os.getenv("BENCH_DIR") .. "/wrk-report.lua")
