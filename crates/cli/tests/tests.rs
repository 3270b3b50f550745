//! End-to-end tests of the `dossier` binary (one test binary; modules in `e2e/`).

#[path = "e2e/bad_corpus.rs"]
mod bad_corpus;
#[path = "e2e/bad_input.rs"]
mod bad_input;
#[path = "e2e/contract.rs"]
mod contract;
#[path = "e2e/eval_conll.rs"]
mod eval_conll;
#[path = "e2e/eval_events.rs"]
mod eval_events;
#[path = "e2e/examples.rs"]
mod examples;
#[path = "e2e/hygiene.rs"]
mod hygiene;
#[path = "e2e/mixed.rs"]
mod mixed;
#[path = "e2e/pdf.rs"]
mod pdf;
#[path = "e2e/pipes.rs"]
mod pipes;
#[path = "e2e/postgres.rs"]
mod postgres;
#[path = "e2e/queue.rs"]
mod queue;
#[path = "e2e/readme.rs"]
mod readme;
#[path = "e2e/reconcile_stored.rs"]
mod reconcile_stored;
#[path = "e2e/reconcile_views.rs"]
mod reconcile_views;
#[path = "e2e/seeds.rs"]
mod seeds;
#[path = "e2e/util.rs"]
mod util;
#[path = "e2e/warc.rs"]
mod warc;
#[path = "e2e/watch.rs"]
mod watch;
