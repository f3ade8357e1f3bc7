-- Replica runs sharing this schema (docs/economics.md, "A killed replica's slices"). A run holds a
-- session-level advisory lock (classid 7628391, objid lock_key) for as long as its process keeps
-- its connection: a run whose lock nobody holds is gone, and the other replicas give its lease
-- holds back. A successor on the same journal deletes its predecessors' rows (it gives their holds
-- back itself), and the others delete a gone run's row once its holds are given back: one row per
-- live run, plus the dead ones not judged yet.
CREATE TABLE replica_runs (
    run           text COLLATE "C" PRIMARY KEY,
    lock_key      integer NOT NULL CHECK (lock_key >= 0),
    registered_at timestamptz NOT NULL DEFAULT now()
);
