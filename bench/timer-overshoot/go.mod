module timer-overshoot
go 1.26
