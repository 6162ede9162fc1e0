module github.com/firstrun/firstrun

go 1.26.8
