package steptest

// Kill ends the program at once, as killing the process would: commands still running
// never deliver their messages. Tests of resume use it before Harness.Restart.
func (p *Program) Kill() {
	p.prog.Kill()
	<-p.done
}
