/* Violated even under weak fairness: Finisher is enabled only while x holds,
 * and Spinner keeps toggling x, so Finisher is never continuously enabled
 * (strong fairness would be needed). */
bool x = false;
bool done = false;

active proctype Spinner() {
	do
	:: x = !x
	od
}

active proctype Finisher() {
	x -> done = true
}

ltl p { <> done }
