/*
 * Lamport's TwoPhase.tla (Gray & Lamport, "Consensus on Transaction Commit",
 * 2006) in Promela, the SPIN side of protocheck's benchmark (bench/run.sh).
 *
 * One process; each TLA+ action is one d_step, so every step of SPIN is one
 * TLA+ step and no intermediate states are stored: SPIN's "states stored"
 * equals TLC's (and protocheck's) distinct-state count, e.g. 288 for N=3,
 * 8832 for N=5, 10340352 for N=9. Self-loops (receiving a message again) are
 * enabled exactly as in the TLA+ spec.
 *
 * The variables are those of the spec. msgs is split: Prepared(rm) is
 * msgPrepared[rm]; Commit and Abort are in msgs exactly when tmState is
 * committed or aborted (their only senders, each at most once), so they need
 * no variables of their own.
 *
 *   spin -a -DN=9 twophase.pml
 *   gcc -O2 -DSAFETY -DNOREDUCE -DNOCLAIM -DMEMLIM=20000 -o pan pan.c
 *   ./pan -m100000
 */
#ifndef N
#define N 3
#endif

#define working   0
#define prepared  1
#define committed 2
#define aborted   3

#define tinit      0
#define tcommitted 1
#define taborted   2

byte rmState[N];
byte tmState;
bit  tmPrepared[N];
bit  msgPrepared[N];

/* tmPrepared = RM, written out for up to 14 RMs (indices >= N short-circuit). */
#define P(i) ((i) >= N || tmPrepared[i])
#define ALLPREPARED (P(0) && P(1) && P(2) && P(3) && P(4) && P(5) && P(6) && \
                     P(7) && P(8) && P(9) && P(10) && P(11) && P(12) && P(13))

/* The five per-RM actions, in TPNext's order. */
#define RM(i) \
	:: d_step { tmState == tinit && msgPrepared[i] -> tmPrepared[i] = 1 }              \
	:: d_step { rmState[i] == working -> rmState[i] = prepared; msgPrepared[i] = 1 }  \
	:: d_step { rmState[i] == working -> rmState[i] = aborted }                       \
	:: d_step { tmState == tcommitted -> rmState[i] = committed }                     \
	:: d_step { tmState == taborted -> rmState[i] = aborted }

active proctype TwoPhase()
{
	do
	:: d_step { tmState == tinit && ALLPREPARED -> tmState = tcommitted }  /* TMCommit */
	:: d_step { tmState == tinit -> tmState = taborted }                   /* TMAbort */
	RM(0)
#if N > 1
	RM(1)
#endif
#if N > 2
	RM(2)
#endif
#if N > 3
	RM(3)
#endif
#if N > 4
	RM(4)
#endif
#if N > 5
	RM(5)
#endif
#if N > 6
	RM(6)
#endif
#if N > 7
	RM(7)
#endif
#if N > 8
	RM(8)
#endif
#if N > 9
	RM(9)
#endif
#if N > 10
	RM(10)
#endif
#if N > 11
	RM(11)
#endif
#if N > 12
	RM(12)
#endif
#if N > 13
	RM(13)
#endif
	od
}
